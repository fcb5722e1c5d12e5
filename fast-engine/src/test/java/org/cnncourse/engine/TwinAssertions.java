package org.cnncourse.engine;

import java.util.Arrays;
import org.cnncourse.scratch.Tensor;

/** How the engine's tests compare a fast result with its reference twin. */
final class TwinAssertions {
    private TwinAssertions() {
    }

    /** The reference's matrix product ({@link Tensor#matmul}) on flat row-major arrays. */
    static double[] product(double[] a, double[] b, int m, int n, int k) {
        return Tensor.of(a, m, k).matmul(Tensor.of(b, k, n)).data();
    }

    /**
     * Equal within {@code tol} relative to the largest value; a NaN must face a NaN, and an
     * infinity the same infinity.
     */
    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = 1.0;
        for (double v : expected.data()) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.data()[i], a = actual.data()[i];
            boolean same = Double.isFinite(e) ? Math.abs(e - a) <= tol * scale : Double.compare(e, a) == 0;
            if (!same) {
                throw new AssertionError(String.format("%s differs at %s: reference %.12g, engine %.12g",
                        what, Arrays.toString(expected.indexOf(i)), e, a));
            }
        }
    }
}
