package org.cnncourse.scratch;

import java.util.Arrays;

/**
 * Pooling (풀링) as the lecture computes it (L320-363): im2col, one window per row, then the
 * max (or the mean) of each row; the number of channels is kept and nothing is learned.
 *
 * <p>Padding: padded cells never win a max and, by default, are left out
 * of an average's divisor; this is what DL4J's SubsamplingLayer does. The lecture pads with
 * zeros, which only differs when padding is used.
 *
 * <p>A NaN in a window wins its max (numpy's {@code np.max} and {@code np.argmax} do the same),
 * so a NaN in the input always shows in the output; DL4J's max pooling skips it instead.
 * Ties keep the first cell.
 */
public final class Pooling implements Layer {
    public enum Type { MAX, AVG }

    private final Type type;
    private final int poolH, poolW, strideH, strideW, padH, padW;
    private final SizeRule rule;
    private final boolean includePadInDivisor;

    // kept by forward for backward
    private ConvGeometry geometry;
    private int[] argMax;
    private Tensor divisor;

    /** Square window, stride and padding, strict output size. */
    public Pooling(Type type, int pool, int stride, int pad) {
        this(type, pool, pool, stride, stride, pad, pad, SizeRule.STRICT, false);
    }

    public Pooling(Type type, int poolH, int poolW, int strideH, int strideW, int padH, int padW,
                   SizeRule rule, boolean includePadInDivisor) {
        this.type = type;
        this.poolH = poolH;
        this.poolW = poolW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.rule = rule;
        this.includePadInDivisor = includePadInDivisor;
    }

    public ConvGeometry geometry(int[] xShape) {
        return ConvGeometry.of(type == Type.MAX ? "Max pooling" : "Average pooling", xShape,
                poolH, poolW, strideH, strideW, padH, padW, rule);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometry(x.shape());
        int windows = g.positions() * g.c(), poolSize = poolH * poolW;
        // (N*OH*OW, C*PH*PW) -> (N*OH*OW*C, PH*PW): one window of one channel per row
        Tensor col = Im2Col.im2col(x, g, 0.0).reshape(windows, poolSize);
        Tensor realCells = Im2Col.im2col(onesLike(x), g, 0.0).reshape(windows, poolSize);
        Tensor out = Tensor.zeros(windows);
        argMax = new int[windows];
        divisor = Tensor.zeros(windows);
        for (int row = 0; row < windows; row++) {
            double cells = 0, sum = 0;
            for (int k = 0; k < poolSize; k++) {
                cells += realCells.get(row, k);
                sum += col.get(row, k);
            }
            if (cells == 0) {
                throw new ShapeException("Pooling: a window covers only padding; padding must be smaller than the window");
            }
            argMax[row] = argmax(col, realCells, row);
            divisor.set(includePadInDivisor ? poolSize : cells, row);
            out.set(type == Type.MAX ? col.get(row, argMax[row]) : sum / divisor.get(row), row);
        }
        geometry = g;
        return out.reshape(g.n(), g.oh(), g.ow(), g.c()).transpose(0, 3, 1, 2);
    }

    /**
     * The column of the row's largest real (not padded) cell; the first NaN wins, and ties keep
     * the first cell.
     */
    private static int argmax(Tensor col, Tensor realCells, int row) {
        int best = -1;
        for (int k = 0; k < col.dim(1); k++) {
            double v = col.get(row, k);
            if (realCells.get(row, k) == 0) {
                continue;
            }
            if (Double.isNaN(v)) {
                return k;
            }
            if (best < 0 || v > col.get(row, best)) {
                best = k;
            }
        }
        return best;
    }

    private static Tensor onesLike(Tensor x) {
        Tensor ones = Tensor.zeros(x.shape());
        Arrays.fill(ones.data(), 1.0);
        return ones;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (geometry == null) {
            throw new IllegalStateException("Pooling.backward called before forward");
        }
        ConvGeometry g = geometry;
        int[] expected = g.outputShape(g.c());
        ShapeException.requireGradientShape("Pooling", dout, expected);
        int windows = g.positions() * g.c(), poolSize = poolH * poolW;
        dout = dout.transpose(0, 2, 3, 1).reshape(windows); // one value per row of forward's col
        Tensor dcol = Tensor.zeros(windows, poolSize);
        for (int row = 0; row < windows; row++) {
            if (type == Type.MAX) {
                // only the winner passed its value on, so only it gets the gradient
                dcol.set(dout.get(row), row, argMax[row]);
            } else {
                for (int k = 0; k < poolSize; k++) {
                    dcol.set(dout.get(row) / divisor.get(row), row, k);
                }
            }
        }
        return Im2Col.col2im(dcol.reshape(g.positions(), g.c() * poolSize), g);
    }

    public Type type() {
        return type;
    }
}
