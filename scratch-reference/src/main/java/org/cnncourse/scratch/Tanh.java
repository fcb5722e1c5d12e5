package org.cnncourse.scratch;

/** tanh(x); its derivative is 1 - tanh(x)², computed from the cached output. */
public final class Tanh implements Layer {
    private double[] out;

    @Override
    public Tensor forward(Tensor x) {
        double[] in = x.data();
        double[] y = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            y[i] = Math.tanh(in[i]);
        }
        out = y;
        return Tensor.of(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Tanh.backward called before forward");
        }
        double[] d = dout.data();
        double[] dx = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dx[i] = d[i] * (1 - out[i] * out[i]);
        }
        return Tensor.of(dx, dout.shape());
    }
}
