package org.cnncourse.engine;

import org.cnncourse.scratch.ConvGeometry;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fast twin of {@link org.cnncourse.scratch.Convolution}, equal to it in the tests: im2col,
 * then one matrix product with the filters laid out as rows, then the bias.
 *
 * <p>Where the lecture builds one column matrix for the whole batch, (N*OH*OW, C*FH*FW), this
 * layer does it one image at a time and transposed ({@link FastIm2Col#im2colImage}), as Caffe
 * does: W (FN, C*FH*FW) x colT (C*FH*FW, OH*OW) then has rows OH*OW long, which the matrix
 * product runs through fast, and its result is already the image's (FN, OH, OW) output. The
 * images are shared out among the cores, and each core reuses one small column buffer.
 *
 * <p>Filters W have shape (FN, C, FH, FW) and the bias b has shape (FN), like DL4J's
 * ConvolutionLayer, so parameters copy across without reordering. It is cross-correlation
 * (no kernel flip), as in DL4J and the book.
 */
public final class FastConvolution implements Layer {
    /** The reference layer with the same parameters: it checks W and b and gives the geometry. */
    private final Convolution reference;
    private final Tensor weights;
    private final Tensor bias;

    private Tensor dW, db;
    private ConvGeometry geometry;
    /** The input of the last forward pass, for dW (the lecture keeps its column matrix instead). */
    private double[] input;

    private static final ThreadLocal<double[]> COLUMNS = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<double[]> COLUMN_GRADIENTS = ThreadLocal.withInitial(() -> new double[0]);

    public FastConvolution(Tensor weights, Tensor bias, int stride, int pad) {
        this(weights, bias, stride, stride, pad, pad, SizeRule.STRICT);
    }

    public FastConvolution(Tensor weights, Tensor bias, int strideH, int strideW, int padH, int padW, SizeRule rule) {
        this.reference = new Convolution(weights, bias, strideH, strideW, padH, padW, rule);
        this.weights = reference.weights();
        this.bias = reference.bias();
    }

    /** Output geometry for an input shape, with the lecture's formula in any error. */
    public ConvGeometry geometry(int[] xShape) {
        return reference.geometry(xShape);
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometry(x.shape());
        int fn = weights.dim(0), patch = g.patchSize(), hw = g.oh() * g.ow();
        double[] in = x.data(), w = weights.data(), b = bias.data();
        double[] out = new double[Tensor.checkedSize(g.outputShape(fn))];
        // One image at a time, one range of images per core: im2col, then W (FN, C*FH*FW) x colT
        // (C*FH*FW, OH*OW), which lands directly in the image's (FN, OH, OW) block of the output.
        Parallel.forRanges(g.n(), 1, (long) g.n() * hw * patch * fn, (part, n0, n1) -> {
            double[] colT = buffer(COLUMNS, patch * hw);
            for (int n = n0; n < n1; n++) {
                FastIm2Col.im2colImage(in, g, n, 0.0, colT);
                int at = n * fn * hw;
                Gemm.multiply(w, 0, false, colT, 0, false, out, at, fn, hw, patch, false, false);
                for (int f = 0; f < fn; f++) {
                    double bf = b[f];
                    for (int p = at + f * hw, end = p + hw; p < end; p++) {
                        out[p] += bf;
                    }
                }
            }
        });
        this.geometry = g;
        this.input = in;
        return Tensor.of(out, g.outputShape(fn));
    }

    @Override
    public Tensor backward(Tensor dout) {
        return backward(dout, true);
    }

    /**
     * dW and db only, without dx: for the first layer, whose input is the image itself and whose
     * input gradient nobody uses. Saves a third of the layer's backward work.
     */
    @Override
    public void backwardWithoutInputGradient(Tensor dout) {
        backward(dout, false);
    }

    private Tensor backward(Tensor dout, boolean inputGradient) {
        if (geometry == null) {
            throw new IllegalStateException("Convolution.backward called before forward");
        }
        ConvGeometry g = geometry;
        int fn = weights.dim(0), patch = g.patchSize(), hw = g.oh() * g.ow();
        int[] expected = g.outputShape(fn);
        ShapeException.requireGradientShape("Convolution", dout, expected);
        double[] d = dout.data(), w = weights.data(), in = input;
        double[] dx = inputGradient ? new double[Tensor.checkedSize(g.inputShape())] : null;
        // Each core sums dW and db of its own images; the partial sums are added at the end.
        double[][] dwParts = new double[Parallel.threads()][], dbParts = new double[Parallel.threads()][];
        // The same split with or without dx, so that dW and db come out the same to the last bit.
        Parallel.forRanges(g.n(), 1, 2L * g.n() * hw * patch * fn, (part, n0, n1) -> {
            double[] dw = new double[fn * patch], db = new double[fn];
            double[] colT = buffer(COLUMNS, patch * hw);
            double[] dcolT = inputGradient ? buffer(COLUMN_GRADIENTS, patch * hw) : null;
            for (int n = n0; n < n1; n++) {
                int at = n * fn * hw;
                for (int f = 0; f < fn; f++) {
                    double sum = 0;
                    for (int p = at + f * hw, end = p + hw; p < end; p++) {
                        sum += d[p];
                    }
                    db[f] += sum;
                }
                // dW (FN, C*FH*FW) += dout_n (FN, OH*OW) x colT^T: the column matrix is rebuilt
                // rather than kept from forward, which is cheaper than storing it for the batch.
                FastIm2Col.im2colImage(in, g, n, 0.0, colT);
                Gemm.multiply(d, at, false, colT, 0, true, dw, 0, fn, patch, hw, true, false);
                if (inputGradient) {
                    // dcolT (C*FH*FW, OH*OW) = W^T x dout_n, then col2im adds it onto the image.
                    Gemm.multiply(w, 0, true, d, at, false, dcolT, 0, patch, hw, fn, false, false);
                    FastIm2Col.col2imImage(dcolT, g, n, dx);
                }
            }
            dwParts[part] = dw;
            dbParts[part] = db;
        });
        this.dW = Tensor.of(sumParts(dwParts, fn * patch), weights.shape());
        this.db = Tensor.of(sumParts(dbParts, fn), fn);
        return inputGradient ? Tensor.of(dx, g.inputShape()) : null;
    }

    private static double[] sumParts(double[][] parts, int length) {
        double[] total = new double[length];
        for (double[] part : parts) {
            if (part != null) {
                for (int i = 0; i < length; i++) {
                    total[i] += part[i];
                }
            }
        }
        return total;
    }

    /** A scratch array of this thread, at least {@code length} long, kept from one batch to the next. */
    private static double[] buffer(ThreadLocal<double[]> slot, int length) {
        double[] b = slot.get();
        if (b.length < length) {
            b = new double[length];
            slot.set(b);
        }
        return b;
    }

    public Tensor dW() {
        return dW;
    }

    public Tensor db() {
        return db;
    }

    @Override
    public Map<String, Tensor> params() {
        return reference.params();
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("W", dW);
        m.put("b", db);
        return m;
    }
}
