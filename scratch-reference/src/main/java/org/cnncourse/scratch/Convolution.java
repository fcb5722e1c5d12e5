package org.cnncourse.scratch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Convolution (합성곱) as the lecture computes it (L189-241): im2col turns the batch into one
 * matrix, the filters become its columns, and one matrix product plus the bias does the rest.
 *
 * <p>Filters W have shape (FN, C, FH, FW) and the bias b has shape (FN), like DL4J's
 * ConvolutionLayer, so parameters copy across without reordering. It is cross-correlation
 * (no kernel flip), as in DL4J and the lecture. {@link #slidingWindow} is the definition itself,
 * a filter sliding over the image; the tests hold the two equal.
 */
public final class Convolution implements Layer {
    private final Tensor W;
    private final Tensor b;
    private final int strideH, strideW, padH, padW;
    private final SizeRule rule;

    // kept by forward for backward, as the lecture keeps self.x, self.col and self.col_W
    private ConvGeometry geometry;
    private Tensor col;
    private Tensor colW;

    private Tensor dW, db;

    public Convolution(Tensor W, Tensor b, int stride, int pad) {
        this(W, b, stride, stride, pad, pad, SizeRule.STRICT);
    }

    public Convolution(Tensor W, Tensor b, int strideH, int strideW, int padH, int padW, SizeRule rule) {
        if (W.rank() != 4) {
            throw new ShapeException("Convolution filters W must have shape (FN, C, FH, FW) but have shape "
                    + Arrays.toString(W.shape()));
        }
        if (b.size() != W.dim(0)) {
            throw new ShapeException("Convolution bias b has " + b.size() + " values but there are FN = "
                    + W.dim(0) + " filters (one bias per filter)");
        }
        this.W = W;
        this.b = b.reshape(W.dim(0));
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.rule = rule;
    }

    /** Output geometry for an input shape, with the lecture's formula in any error. */
    public ConvGeometry geometry(int[] xShape) {
        if (xShape.length == 4 && xShape[1] != W.dim(1)) {
            throw new ShapeException(String.format(
                    "Convolution: the input has C = %d channels but the filters W (FN, C, FH, FW) = %s expect C = %d;"
                            + " every filter spans all input channels", xShape[1], Arrays.toString(W.shape()), W.dim(1)));
        }
        return ConvGeometry.of("Convolution", xShape, W.dim(2), W.dim(3), strideH, strideW, padH, padW, rule);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometry(x.shape());
        int FN = W.dim(0);
        Tensor col = Im2Col.im2col(x, g, 0.0);       // (N*OH*OW, C*FH*FW)
        Tensor colW = W.reshape(FN, -1).transpose(); // (C*FH*FW, FN): one filter per column
        Tensor out = col.matmul(colW).plusRow(b);     // (N*OH*OW, FN)
        out = out.reshape(g.n(), g.oh(), g.ow(), FN).transpose(0, 3, 1, 2); // back to (N, FN, OH, OW)
        this.geometry = g;
        this.col = col;
        this.colW = colW;
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (geometry == null) {
            throw new IllegalStateException("Convolution.backward called before forward");
        }
        int FN = W.dim(0);
        int[] expected = geometry.outputShape(FN);
        ShapeException.requireGradientShape("Convolution", dout, expected);
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN); // (N*OH*OW, FN), the rows of forward's product
        this.db = dout.sumAxis0();
        this.dW = col.transpose().matmul(dout).transpose().reshape(W.shape());
        Tensor dcol = dout.matmul(colW.transpose());
        return Im2Col.col2im(dcol, geometry);
    }

    /**
     * The definition (lesson 01): each filter slides over the image, and every output cell is the
     * sum of the filter times the cells under it, plus the filter's bias. Padded cells are 0.
     */
    public static Tensor slidingWindow(Tensor x, Tensor W, Tensor b, int stride, int pad) {
        return slidingWindow(x, W, b, stride, pad, SizeRule.STRICT);
    }

    /** The definition, with a rule for a stride that does not divide the input evenly. */
    public static Tensor slidingWindow(Tensor x, Tensor W, Tensor b, int stride, int pad, SizeRule rule) {
        ConvGeometry g = new Convolution(W, b, stride, stride, pad, pad, rule).geometry(x.shape());
        Tensor out = Tensor.zeros(g.outputShape(W.dim(0)));
        for (int n = 0; n < g.n(); n++) {
            for (int f = 0; f < W.dim(0); f++) {
                for (int oy = 0; oy < g.oh(); oy++) {
                    for (int ox = 0; ox < g.ow(); ox++) {
                        double sum = b.data()[f];
                        for (int c = 0; c < g.c(); c++) {
                            for (int ky = 0; ky < g.fh(); ky++) {
                                for (int kx = 0; kx < g.fw(); kx++) {
                                    int iy = oy * stride + ky - g.padTop(), ix = ox * stride + kx - g.padLeft();
                                    if (iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w()) {
                                        sum += x.get(n, c, iy, ix) * W.get(f, c, ky, kx);
                                    }
                                }
                            }
                        }
                        out.set(sum, n, f, oy, ox);
                    }
                }
            }
        }
        return out;
    }

    public Tensor weights() {
        return W;
    }

    public Tensor bias() {
        return b;
    }

    public Tensor dW() {
        return dW;
    }

    public Tensor db() {
        return db;
    }

    /** Learnable parameters: FN*C*FH*FW weights and FN biases (F²CK + K for square filters). */
    public int numParams() {
        return W.size() + b.size();
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", W);
        m.put("b", b);
        return m;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", dW);
        m.put("b", db);
        return m;
    }
}
