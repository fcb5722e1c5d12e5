package org.cnncourse.scratch;

/** ReLU: max(0, x); the gradient passes where x was positive. */
public final class Relu implements Layer {
    private boolean[] positive;

    @Override
    public Tensor forward(Tensor x) {
        double[] in = x.data();
        double[] out = new double[in.length];
        boolean[] mask = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i] > 0) {
                out[i] = in[i];
                mask[i] = true;
            }
        }
        positive = mask;
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (positive == null) {
            throw new IllegalStateException("Relu.backward called before forward");
        }
        double[] d = dout.data();
        if (d.length != positive.length) {
            throw new ShapeException("Relu.backward: dout has " + d.length + " values, forward had " + positive.length);
        }
        double[] dx = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dx[i] = positive[i] ? d[i] : 0.0;
        }
        return Tensor.of(dx, dout.shape());
    }
}
