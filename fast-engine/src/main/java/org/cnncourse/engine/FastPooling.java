package org.cnncourse.engine;

import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Pooling.Type;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;


/**
 * The fast twin of {@link org.cnncourse.scratch.Pooling}, equal to it in the tests: max or
 * average over each window straight from the image (no im2col), padded cells never winning a
 * max nor counting in an average's divisor. As in the reference, a NaN wins its window and
 * ties keep the first cell.
 */
public final class FastPooling implements Layer {

    /** The reference layer with the same window: it gives the geometry. */
    private final Pooling reference;
    private final Type type;
    private final boolean includePadInDivisor;

    private ConvGeometry geometry;
    /** For max pooling: the flat input position that won each output cell. */
    private int[] argMax;

    /** Square window, stride and padding, strict output size. */
    public FastPooling(Type type, int pool, int stride, int pad) {
        this(type, pool, pool, stride, stride, pad, pad, SizeRule.STRICT, false);
    }

    public FastPooling(Type type, int poolH, int poolW, int strideH, int strideW, int padH, int padW,
                       SizeRule rule, boolean includePadInDivisor) {
        this.reference = new Pooling(type, poolH, poolW, strideH, strideW, padH, padW, rule, includePadInDivisor);
        this.type = type;
        this.includePadInDivisor = includePadInDivisor;
    }

    public ConvGeometry geometry(int[] xShape) {
        return reference.geometry(xShape);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometry(x.shape());
        double[] in = x.data();
        Tensor out = Tensor.zeros(g.outputShape(g.c()));
        double[] o = out.data();
        int[] winners = type == Type.MAX ? new int[o.length] : null;
        int planes = g.n() * g.c();
        if (type == Type.MAX && windowsInside(g) && maxInside(in, g, o, winners)) {
            this.geometry = g;
            this.argMax = winners;
            return out;
        }
        // Padding, an edge, average pooling, or a NaN or infinity met on the fast path: plain comparisons.
        for (int plane = 0; plane < planes; plane++) {
            int inBase = plane * g.h() * g.w();
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int outIdx = (plane * g.oh() + oy) * g.ow() + ox;
                    double best = Double.NEGATIVE_INFINITY, sum = 0;
                    int bestAt = -1, count = 0;
                    for (int ky = 0; ky < g.fh(); ky++) {
                        int iy = oy * g.strideH() + ky - g.padTop();
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        for (int kx = 0; kx < g.fw(); kx++) {
                            int ix = ox * g.strideW() + kx - g.padLeft();
                            if (ix < 0 || ix >= g.w()) {
                                continue;
                            }
                            int at = inBase + iy * g.w() + ix;
                            double v = in[at];
                            if (bestAt < 0 || v > best || Double.isNaN(v) && !Double.isNaN(best)) {
                                best = v;
                                bestAt = at;
                            }
                            sum += v;
                            count++;
                        }
                    }
                    if (count == 0) {
                        throw new ShapeException("Pooling window at output (" + oy + ", " + ox
                                + ") covers only padding: padding must be smaller than the window");
                    }
                    if (type == Type.MAX) {
                        o[outIdx] = best;
                        winners[outIdx] = bestAt;
                    } else {
                        o[outIdx] = sum / (includePadInDivisor ? g.fh() * g.fw() : count);
                    }
                }
            }
        }
        this.geometry = g;
        this.argMax = winners;
        return out;
    }

    /** True when no window touches padding or the edge: the common case, which needs no bounds checks. */
    private boolean windowsInside(ConvGeometry g) {
        return g.padTop() == 0 && g.padLeft() == 0
                && (g.oh() - 1) * g.strideH() + g.fh() <= g.h() && (g.ow() - 1) * g.strideW() + g.fw() <= g.w();
    }

    /**
     * Max pooling when every window lies inside the image. The running maximum and its position
     * are chosen without an if, by a bit mask made from the sign of best - v: which cell wins is
     * close to random, so the CPU would mispredict such a branch about half the time, and that
     * costs more than all the rest of the loop (HotSpot compiles a running Math.max to a branch).
     * The mask is wrong for NaN and for ties of infinities, so the loop also notes whether it met
     * a value that is not finite; it then returns false and the caller starts again on the plain path.
     */
    private boolean maxInside(double[] in, ConvGeometry g, double[] o, int[] winners) {
        int[] nonFinite = new int[Parallel.threads()];
        // Planes are independent: one range of them per core.
        Parallel.forRanges(g.n() * g.c(), 1, (long) o.length * g.fh() * g.fw(), (part, first, end) -> {
            nonFinite[part] = maxInside(in, g, o, winners, first, end);
        });
        for (int flag : nonFinite) {
            if (flag != 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns 1 when a value met was NaN or infinite (exponent bits all ones), else 0. */
    private int maxInside(double[] in, ConvGeometry g, double[] o, int[] winners, int firstPlane, int endPlane) {
        int w = g.w(), nonFinite = 0;
        for (int plane = firstPlane; plane < endPlane; plane++) {
            int inBase = plane * g.h() * w;
            for (int oy = 0; oy < g.oh(); oy++) {
                int outRow = (plane * g.oh() + oy) * g.ow();
                for (int ox = 0; ox < g.ow(); ox++) {
                    int corner = inBase + oy * g.strideH() * w + ox * g.strideW();
                    double best = in[corner];
                    int bestAt = corner;
                    for (int ky = 0; ky < g.fh(); ky++) {
                        for (int kx = 0; kx < g.fw(); kx++) {
                            int at = corner + ky * w + kx;
                            double v = in[at];
                            // exponent 0x7FF (NaN or infinity) + 1 = 0x800, which shifted by 11 is 1
                            nonFinite |= ((int) (Double.doubleToRawLongBits(v) >>> 52) & 0x7FF) + 1 >> 11;
                            // All ones when v > best (then best - v is negative: sign bit set), else
                            // zeros; ties keep the first cell (adding +0.0 turns the -0.0 of
                            // best = -0.0, v = +0.0 into +0.0). The mask picks v or best bit by bit.
                            long vWins = Double.doubleToRawLongBits(best - v + 0.0) >> 63;
                            long bestBits = Double.doubleToRawLongBits(best);
                            best = Double.longBitsToDouble(bestBits ^ ((bestBits ^ Double.doubleToRawLongBits(v)) & vWins));
                            bestAt ^= (bestAt ^ at) & (int) vWins;
                        }
                    }
                    o[outRow + ox] = best;
                    winners[outRow + ox] = bestAt;
                }
            }
        }
        return nonFinite;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (geometry == null) {
            throw new IllegalStateException("Pooling.backward called before forward");
        }
        ConvGeometry g = geometry;
        int[] expected = g.outputShape(g.c());
        ShapeException.requireGradientShape("Pooling", dout, expected);
        Tensor dx = Tensor.zeros(g.inputShape());
        double[] d = dout.data(), dxData = dx.data();
        if (type == Type.MAX) {
            // Only the winner of each window passed its value on, so only it gets the gradient.
            for (int i = 0; i < d.length; i++) {
                dxData[argMax[i]] += d[i];
            }
            return dx;
        }
        int planes = g.n() * g.c();
        for (int plane = 0; plane < planes; plane++) {
            int inBase = plane * g.h() * g.w();
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int y0 = Math.max(0, oy * g.strideH() - g.padTop());
                    int y1 = Math.min(g.h(), oy * g.strideH() - g.padTop() + g.fh());
                    int x0 = Math.max(0, ox * g.strideW() - g.padLeft());
                    int x1 = Math.min(g.w(), ox * g.strideW() - g.padLeft() + g.fw());
                    int divisor = includePadInDivisor ? g.fh() * g.fw() : (y1 - y0) * (x1 - x0);
                    double share = d[(plane * g.oh() + oy) * g.ow() + ox] / divisor;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            dxData[inBase + iy * g.w() + ix] += share;
                        }
                    }
                }
            }
        }
        return dx;
    }

    public Type type() {
        return type;
    }
}
