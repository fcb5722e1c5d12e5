package org.cnncourse.scratch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Convolution (합성곱) as the book computes it: im2col, then one matrix product with the
 * filters laid out as rows, then the bias.
 *
 * <p>Filters W have shape (FN, C, FH, FW) and the bias b has shape (FN), like DL4J's
 * ConvolutionLayer, so parameters copy across without reordering. It is cross-correlation
 * (no kernel flip), as in DL4J and the book.
 */
public final class Convolution implements Layer {
    private final Tensor weights;
    private final Tensor bias;
    private final int strideH, strideW, padH, padW;
    private final SizeRule rule;

    private Tensor dW, db;
    private ConvGeometry geometry;
    private double[] col;

    public Convolution(Tensor weights, Tensor bias, int stride, int pad) {
        this(weights, bias, stride, stride, pad, pad, SizeRule.STRICT);
    }

    public Convolution(Tensor weights, Tensor bias, int strideH, int strideW, int padH, int padW, SizeRule rule) {
        if (weights.rank() != 4) {
            throw new ShapeException("Convolution filters W must have shape (FN, C, FH, FW) but have shape "
                    + Arrays.toString(weights.shape()));
        }
        if (bias.size() != weights.dim(0)) {
            throw new ShapeException("Convolution bias b has " + bias.size() + " values but there are FN = "
                    + weights.dim(0) + " filters (one bias per filter)");
        }
        this.weights = weights;
        this.bias = bias.reshape(weights.dim(0));
        this.strideH = strideH;
        this.strideW = strideW;
        this.padH = padH;
        this.padW = padW;
        this.rule = rule;
    }

    /** Output geometry for an input shape, with the lecture's formula in any error. */
    public ConvGeometry geometry(int[] xShape) {
        if (xShape.length == 4 && xShape[1] != weights.dim(1)) {
            throw new ShapeException(String.format(
                    "Convolution: the input has C = %d channels but the filters W (FN, C, FH, FW) = %s expect C = %d;"
                            + " every filter spans all input channels", xShape[1],
                    Arrays.toString(weights.shape()), weights.dim(1)));
        }
        return ConvGeometry.of("Convolution", xShape, weights.dim(2), weights.dim(3),
                strideH, strideW, padH, padW, rule);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometry(x.shape());
        int fn = weights.dim(0), patch = g.patchSize(), positions = g.positions();
        double[] cols = Im2Col.im2col(x, g, 0.0);
        // (N*OH*OW, C*FH*FW) x (C*FH*FW, FN): W is stored (FN, C*FH*FW), so use it transposed.
        double[] out = new double[positions * fn];
        Gemm.multiply(cols, false, weights.data(), true, out, positions, fn, patch, false);
        double[] b = bias.data();
        for (int r = 0; r < positions; r++) {
            for (int f = 0; f < fn; f++) {
                out[r * fn + f] += b[f];
            }
        }
        this.geometry = g;
        this.col = cols;
        return positionsToNchw(out, g, fn);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (geometry == null) {
            throw new IllegalStateException("Convolution.backward called before forward");
        }
        ConvGeometry g = geometry;
        int fn = weights.dim(0), patch = g.patchSize(), positions = g.positions();
        int[] expected = g.outputShape(fn);
        if (!Arrays.equals(dout.shape(), expected)) {
            throw new ShapeException("Convolution.backward: dout has shape " + Arrays.toString(dout.shape())
                    + " but the forward output had shape " + Arrays.toString(expected));
        }
        double[] d = nchwToPositions(dout, g, fn);
        double[] dbData = new double[fn];
        for (int r = 0; r < positions; r++) {
            for (int f = 0; f < fn; f++) {
                dbData[f] += d[r * fn + f];
            }
        }
        // dW (FN, C*FH*FW) = dout^T (FN, P) x col (P, C*FH*FW)
        double[] dwData = new double[fn * patch];
        Gemm.multiply(d, true, col, false, dwData, fn, patch, positions, false);
        // dcol (P, C*FH*FW) = dout (P, FN) x W (FN, C*FH*FW)
        double[] dcol = new double[positions * patch];
        Gemm.multiply(d, false, weights.data(), false, dcol, positions, patch, fn, false);
        this.dW = Tensor.of(dwData, weights.shape());
        this.db = Tensor.of(dbData, fn);
        return Im2Col.col2im(dcol, g);
    }

    /** (N*OH*OW, K) rows of positions to the NCHW tensor (N, K, OH, OW): the book's transpose(0, 3, 1, 2). */
    static Tensor positionsToNchw(double[] rows, ConvGeometry g, int k) {
        double[] out = new double[rows.length];
        int hw = g.oh() * g.ow();
        for (int n = 0; n < g.n(); n++) {
            for (int p = 0; p < hw; p++) {
                int src = (n * hw + p) * k;
                for (int f = 0; f < k; f++) {
                    out[(n * k + f) * hw + p] = rows[src + f];
                }
            }
        }
        return Tensor.of(out, g.outputShape(k));
    }

    static double[] nchwToPositions(Tensor t, ConvGeometry g, int k) {
        double[] in = t.data();
        double[] rows = new double[in.length];
        int hw = g.oh() * g.ow();
        for (int n = 0; n < g.n(); n++) {
            for (int f = 0; f < k; f++) {
                int src = (n * k + f) * hw;
                for (int p = 0; p < hw; p++) {
                    rows[(n * hw + p) * k + f] = in[src + p];
                }
            }
        }
        return rows;
    }

    public Tensor weights() {
        return weights;
    }

    public Tensor bias() {
        return bias;
    }

    public Tensor dW() {
        return dW;
    }

    public Tensor db() {
        return db;
    }

    /** Learnable parameters: FN*C*FH*FW weights and FN biases (F²CK + K for square filters). */
    public int numParams() {
        return weights.size() + bias.size();
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", weights);
        m.put("b", bias);
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
