package org.cnncourse.scratch;

/** 1 / (1 + e^-x); its derivative is y (1 - y), computed from the cached output. */
public final class Sigmoid implements Layer {
    private double[] out;

    @Override
    public Tensor forward(Tensor x) {
        double[] in = x.data();
        double[] y = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            y[i] = 1 / (1 + Math.exp(-in[i]));
        }
        out = y;
        return Tensor.of(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Sigmoid.backward called before forward");
        }
        double[] d = dout.data();
        double[] dx = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dx[i] = d[i] * out[i] * (1 - out[i]);
        }
        return Tensor.of(dx, dout.shape());
    }
}
