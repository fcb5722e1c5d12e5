package org.cnncourse.scratch;

/**
 * ReLU as the lecture writes it: forward remembers a mask of the inputs that were 0 or less
 * and sets them to 0; backward sets the gradient to 0 under the same mask and passes the rest.
 */
public final class Relu implements Layer {
    private boolean[] mask;

    @Override
    public Tensor forward(Tensor x) {
        mask = new boolean[x.size()];
        Tensor out = x.copy();
        for (int i = 0; i < x.size(); i++) {
            mask[i] = x.data()[i] <= 0;
            if (mask[i]) {
                out.data()[i] = 0;
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (mask == null) {
            throw new IllegalStateException("Relu.backward called before forward");
        }
        if (dout.size() != mask.length) {
            throw new ShapeException("Relu.backward: dout has " + dout.size() + " values, forward had " + mask.length);
        }
        Tensor dx = dout.copy();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                dx.data()[i] = 0;
            }
        }
        return dx;
    }
}
