package org.cnncourse.scratch;

/** Direct loops, the definition itself: an independent check on the im2col and GEMM code paths. */
final class Reference {
    private Reference() {
    }

    static Tensor convolve(Tensor x, Tensor w, Tensor b, int sh, int sw, int ph, int pw) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int fn = w.dim(0), fh = w.dim(2), fw = w.dim(3);
        int oh = (h + 2 * ph - fh) / sh + 1, ow = (wd + 2 * pw - fw) / sw + 1;
        Tensor y = Tensor.zeros(n, fn, oh, ow);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < fn; f++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b.data()[f];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < fh; ky++) {
                                for (int kx = 0; kx < fw; kx++) {
                                    int iy = oy * sh + ky - ph, ix = ox * sw + kx - pw;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += x.get(i, ch, iy, ix) * w.get(f, ch, ky, kx);
                                    }
                                }
                            }
                        }
                        y.set(s, i, f, oy, ox);
                    }
                }
            }
        }
        return y;
    }

    static double[] multiply(double[] a, double[] b, int m, int n, int k) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = s;
            }
        }
        return c;
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
