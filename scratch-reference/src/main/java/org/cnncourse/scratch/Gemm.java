package org.cnncourse.scratch;

/**
 * General matrix product C = op(A) * op(B) on row-major double arrays, the workhorse of
 * im2col convolution.
 *
 * <p>Not the naive i-j-k triple loop: the innermost loop runs along a row of B and a row of C
 * (i-k-j order), so it reads and writes memory contiguously and the JIT turns it into SIMD
 * instructions; the k and j ranges are cut into blocks that stay in cache while a block of
 * rows of A passes over them; blocks of rows run on several threads when the product is large.
 */
public final class Gemm {
    private static final int ROW_BLOCK = 32;
    private static final int K_BLOCK = 128;
    private static final int J_BLOCK = 512;

    private Gemm() {
    }

    /**
     * C(m x n) = op(A)(m x k) * op(B)(k x n), or C += ... when {@code accumulate}.
     * With {@code transA}, A is stored as (k x m); with {@code transB}, B is stored as (n x k).
     */
    public static void multiply(double[] a, boolean transA, double[] b, boolean transB,
                                double[] c, int m, int n, int k, boolean accumulate) {
        checkLength("A", a, (long) m * k);
        checkLength("B", b, (long) k * n);
        checkLength("C", c, (long) m * n);
        double[] aa = transA ? transpose(a, k, m) : a;
        double[] bb = transB ? transpose(b, n, k) : b;
        if (!accumulate) {
            java.util.Arrays.fill(c, 0, m * n, 0.0);
        }
        int rowBlocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        Parallel.forEach(rowBlocks, (long) m * n * k, blk -> {
            int i0 = blk * ROW_BLOCK, i1 = Math.min(m, i0 + ROW_BLOCK);
            multiplyRows(aa, bb, c, i0, i1, n, k);
        });
    }

    /** C = A * B for rows [i0, i1) of A and C. */
    private static void multiplyRows(double[] a, double[] b, double[] c, int i0, int i1, int n, int k) {
        for (int j0 = 0; j0 < n; j0 += J_BLOCK) {
            int j1 = Math.min(n, j0 + J_BLOCK);
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                for (int i = i0; i < i1; i++) {
                    int rowA = i * k, rowC = i * n;
                    for (int p = p0; p < p1; p++) {
                        double aip = a[rowA + p];
                        int rowB = p * n;
                        for (int j = j0; j < j1; j++) {
                            c[rowC + j] += aip * b[rowB + j];
                        }
                    }
                }
            }
        }
    }

    /** The transpose of a (rows x cols) row-major matrix. */
    public static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        final int tile = 32;
        for (int i0 = 0; i0 < rows; i0 += tile) {
            for (int j0 = 0; j0 < cols; j0 += tile) {
                int i1 = Math.min(rows, i0 + tile), j1 = Math.min(cols, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * rows + i] = x[i * cols + j];
                    }
                }
            }
        }
        return t;
    }

    private static void checkLength(String name, double[] x, long needed) {
        if (x.length < needed) {
            throw new ShapeException("GEMM: matrix " + name + " has " + x.length + " values, needs " + needed);
        }
    }
}
