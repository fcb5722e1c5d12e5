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
        double[] p = param.data();
        double[] grad = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double plus = loss.getAsDouble();
            p[i] = keep - h;
            double minus = loss.getAsDouble();
            p[i] = keep;
            grad[i] = (plus - minus) / (2 * h);
        }
        return Tensor.of(grad, param.shape());
    }
}
