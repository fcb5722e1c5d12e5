package org.cnncourse.scratch;

/** The tests' comparison of two tensors, with the first differing index in the message. */
final class Reference {
    private Reference() {
    }

    static void assertClose(String what, Tensor expected, Tensor actual, double tol) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1.0, expected.maxAbs());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.data()[i], a = actual.data()[i];
            if (!(Math.abs(e - a) <= tol * scale)) {
                throw new AssertionError(String.format("%s differs at %s: expected %.12g, got %.12g",
                        what, java.util.Arrays.toString(expected.indexOf(i)), e, a));
            }
        }
    }
}
