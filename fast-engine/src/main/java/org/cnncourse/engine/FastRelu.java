package org.cnncourse.engine;

import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.Tensor;

/**
 * The fast twin of {@link org.cnncourse.scratch.Relu}: max(0, x), and the gradient passes where x
 * was positive (or NaN, as in the reference); both loops are free of branches.
 */
public final class FastRelu implements Layer {
    /** The forward output: it is positive exactly where x was, so it doubles as the mask. */
    private double[] out;

    @Override
    public Tensor forward(Tensor x) {
        double[] in = x.data();
        double[] y = new double[in.length];
        Parallel.forRanges(in.length, 1024, in.length, (part, start, end) -> {
            for (int i = start; i < end; i++) {
                y[i] = Math.max(in[i], 0.0);
            }
        });
        out = y;
        return Tensor.of(y, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        if (out == null) {
            throw new IllegalStateException("Relu.backward called before forward");
        }
        double[] d = dout.data();
        if (d.length != out.length) {
            throw new ShapeException("Relu.backward: dout has " + d.length + " values, forward had " + out.length);
        }
        double[] dx = new double[d.length], y = out;
        Parallel.forRanges(d.length, 1024, d.length, (part, start, end) -> {
            for (int i = start; i < end; i++) {
                // y = max(x, 0) is +0.0 exactly where the unit was inactive, and +0.0 is the only
                // y whose bits are 0: (bits - 1) >> 63 is then all ones, else 0. The mask keeps d
                // whole (an infinite d too) or clears it, without an if, so the loop becomes SIMD
                // instructions; with an if the CPU mispredicts about half of the units.
                long inactive = (Double.doubleToRawLongBits(y[i]) - 1) >> 63;
                dx[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(d[i]) & ~inactive);
            }
        });
        return Tensor.of(dx, dout.shape());
    }
}
