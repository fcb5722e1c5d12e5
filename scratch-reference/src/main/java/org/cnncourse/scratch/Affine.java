package org.cnncourse.scratch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Affine (fully connected, 완전연결) layer: y = x W + b. An image input (N, C, H, W) is
 * flattened to (N, C*H*W) in (c, h, w) order first, as the book's reshape(N, -1) and DL4J's
 * CnnToFeedForwardPreProcessor do; W is (D, M) like DL4J's DenseLayer.
 */
public final class Affine implements Layer {
    private final Tensor weights;
    private final Tensor bias;
    private int[] inputShape;
    private Tensor x2d;
    private Tensor dW, db;

    public Affine(Tensor weights, Tensor bias) {
        if (weights.rank() != 2) {
            throw new ShapeException("Affine W must have shape (D, M) but has shape " + Arrays.toString(weights.shape()));
        }
        if (bias.size() != weights.dim(1)) {
            throw new ShapeException("Affine b has " + bias.size() + " values but W has M = " + weights.dim(1) + " outputs");
        }
        this.weights = weights;
        this.bias = bias.reshape(weights.dim(1));
    }

    @Override
    public Tensor forward(Tensor x) {
        int n = x.dim(0), d = x.size() / Math.max(1, n), m = weights.dim(1);
        if (d != weights.dim(0)) {
            throw new ShapeException("Affine: the input " + Arrays.toString(x.shape()) + " flattens to D = " + d
                    + " values per example but W is (" + weights.dim(0) + ", " + m + ")");
        }
        inputShape = x.shape();
        x2d = x.reshape(n, d);
        return x2d.matmul(weights).plusRow(bias);
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (inputShape == null) {
            throw new IllegalStateException("Affine.backward called before forward");
        }
        int n = inputShape[0], d = weights.dim(0), m = weights.dim(1);
        ShapeException.requireGradientSize("Affine", dout, n, m);
        dout = dout.reshape(n, m);
        Tensor dx = dout.matmul(weights.transpose());
        dW = x2d.transpose().matmul(dout);
        db = dout.sumAxis0();
        return dx.reshape(inputShape);
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", weights);
        p.put("b", bias);
        return p;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", dW);
        p.put("b", db);
        return p;
    }
}
