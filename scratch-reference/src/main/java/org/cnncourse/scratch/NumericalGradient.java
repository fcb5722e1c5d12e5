package org.cnncourse.scratch;

import java.util.function.DoubleSupplier;

/**
 * The numerical gradient by central differences, (f(x + h) - f(x - h)) / 2h: slow but simple,
 * the lecture's way to check that backpropagation is right.
 */
public final class NumericalGradient {
    /** A step that balances truncation and rounding error in double precision. */
    public static final double DEFAULT_H = 1e-5;

    private NumericalGradient() {
    }

    /**
     * dLoss/dParam for every entry of {@code param}; {@code loss} must read {@code param}'s
     * current values (each entry is nudged in place and restored).
     */
    public static Tensor of(DoubleSupplier loss, Tensor param, double h) {
        return Tensor.of(sampled(loss, param, h, 1), param.shape());
    }

    /**
     * The same at every {@code stride}-th entry only (entries 0, stride, 2*stride, ...), when
     * checking all of a large tensor would take too long.
     */
    public static double[] sampled(DoubleSupplier loss, Tensor param, double h, int stride) {
        double[] p = param.data();
        double[] grad = new double[(p.length + stride - 1) / stride];
        for (int k = 0; k < grad.length; k++) {
            int i = k * stride;
            double keep = p[i];
            p[i] = keep + h;
            double plus = loss.getAsDouble();
            p[i] = keep - h;
            double minus = loss.getAsDouble();
            p[i] = keep;
            grad[k] = (plus - minus) / (2 * h);
        }
        return grad;
    }
}
