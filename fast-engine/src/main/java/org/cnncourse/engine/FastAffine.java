package org.cnncourse.engine;

import org.cnncourse.scratch.Affine;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fast twin of {@link org.cnncourse.scratch.Affine}: y = x W + b through {@link Gemm}. */
public final class FastAffine implements Layer {
    /** The reference layer with the same parameters: it checks W and b. */
    private final Affine reference;
    private final Tensor weights;
    private final Tensor bias;
    private int[] inputShape;
    private double[] x2d;
    private Tensor dW, db;

    public FastAffine(Tensor weights, Tensor bias) {
        this.reference = new Affine(weights, bias);
        this.weights = reference.params().get("W");
        this.bias = reference.params().get("b");
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = x.dim(0), d = x.size() / Math.max(1, n), m = weights.dim(1);
        if (d != weights.dim(0)) {
            throw new ShapeException("Affine: the input " + Arrays.toString(x.shape()) + " flattens to D = " + d
                    + " values per example but W is (" + weights.dim(0) + ", " + m + ")");
        }
        double[] out = new double[n * m];
        Gemm.multiply(x.data(), false, weights.data(), false, out, n, m, d, false);
        double[] b = bias.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] += b[j];
            }
        }
        inputShape = x.shape();
        x2d = x.data();
        return Tensor.of(out, n, m);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (inputShape == null) {
            throw new IllegalStateException("Affine.backward called before forward");
        }
        int n = inputShape[0], d = weights.dim(0), m = weights.dim(1);
        ShapeException.requireGradientSize("Affine", dout, n, m);
        double[] dx = new double[n * d];
        Gemm.multiply(dout.data(), false, weights.data(), true, dx, n, d, m, false);
        double[] dw = new double[d * m];
        Gemm.multiply(x2d, true, dout.data(), false, dw, d, m, n, false);
        double[] dbData = new double[m];
        double[] g = dout.data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                dbData[j] += g[i * m + j];
            }
        }
        dW = Tensor.of(dw, d, m);
        db = Tensor.of(dbData, m);
        return Tensor.of(dx, inputShape);
    }

    @Override
    public Map<String, Tensor> params() {
        return reference.params();
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", dW);
        p.put("b", db);
        return p;
    }
}
