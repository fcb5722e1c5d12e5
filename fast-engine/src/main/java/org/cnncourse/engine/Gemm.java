package org.cnncourse.engine;

import java.util.Arrays;

import org.cnncourse.scratch.ShapeException;

/**
 * General matrix product C = op(A) * op(B) on row-major double arrays, the workhorse of
 * im2col convolution.
 *
 * <p>Not the naive i-j-k triple loop. Two kernels, chosen by the shape:
 * <ul>
 *   <li><b>Row updates</b> (i-k-j order): row i of C gets a0*B[p] + a1*B[p+1] + a2*B[p+2] +
 *       a3*B[p+3], four rows of B at once, so C is read and written once per four steps of k.
 *       The innermost loop runs along rows of B and C, and the JIT turns it into SIMD
 *       instructions (8 doubles at a time with AVX-512), but only when each row is an array of
 *       its own indexed from 0: HotSpot 17 does not vectorise {@code c[rowStart + j]}. So B and C
 *       are copied into row arrays first (reused buffers); the copy is small next to the product.</li>
 *   <li><b>Register tiles</b> for C = A * B^T with a long k: a 4x4 block of C is summed in 16
 *       local variables (CPU registers) while the loop walks along 4 rows of A and 4 rows of B;
 *       each value loaded is used four times. This is the shape of a weight gradient, dW =
 *       dout * col^T, where the sum runs over all positions and C is small.</li>
 * </ul>
 * The k and j ranges of row updates are cut into blocks that stay in cache while the rows of
 * A pass over them, and rows of C are shared out among the cores when the product is large.
 */
public final class Gemm {
    private static final int K_BLOCK = 256;
    private static final int J_BLOCK = 1024;
    /** Tile height and width of the register kernel. */
    private static final int TILE = 4;
    /** Shorter sums than this are faster as row updates on a transposed copy of B. */
    private static final int DOT_MIN_K = 256;
    private static final ThreadLocal<double[][]> ROWS_OF_B = ThreadLocal.withInitial(() -> new double[0][]);
    private static final ThreadLocal<double[][]> ROWS_OF_C = ThreadLocal.withInitial(() -> new double[0][]);

    private Gemm() {
    }

    /**
     * C(m x n) = op(A)(m x k) * op(B)(k x n), or C += ... when {@code accumulate}.
     * With {@code transA}, A is stored as (k x m); with {@code transB}, B is stored as (n x k).
     * Large products use every core.
     */
    public static void multiply(double[] a, boolean transA, double[] b, boolean transB,
                                double[] c, int m, int n, int k, boolean accumulate) {
        multiply(a, 0, transA, b, 0, transB, c, 0, m, n, k, accumulate, true);
    }

    /**
     * The same product on matrices that start at offsets inside larger arrays (one image of a
     * batch, say). With {@code parallel} false it stays on the calling thread, for callers that
     * already run one product per core (one image per thread in {@link FastConvolution}).
     */
    public static void multiply(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                         double[] c, int cOff, int m, int n, int k, boolean accumulate, boolean parallel) {
        checkLength("A", a, aOff, (long) m * k);
        checkLength("B", b, bOff, (long) k * n);
        checkLength("C", c, cOff, (long) m * n);
        long work = parallel ? (long) m * n * k : 0;
        if (transB && !transA && k >= DOT_MIN_K) {
            Parallel.forRanges(m, TILE, work, (part, i0, i1) -> {
                if (!accumulate) {
                    Arrays.fill(c, cOff + i0 * n, cOff + i1 * n, 0.0);
                }
                tileRows(a, aOff, b, bOff, c, cOff, i0, i1, n, k);
            });
            return;
        }
        double[][] rowsOfB = rowBuffer(ROWS_OF_B, k, n);
        if (transB) {
            // B is stored (n x k): transpose it into the rows, in 32x32 tiles that stay in cache.
            for (int p0 = 0; p0 < k; p0 += 32) {
                for (int j0 = 0; j0 < n; j0 += 32) {
                    for (int p = p0, p1 = Math.min(k, p0 + 32); p < p1; p++) {
                        double[] row = rowsOfB[p];
                        for (int j = j0, j1 = Math.min(n, j0 + 32); j < j1; j++) {
                            row[j] = b[bOff + j * k + p];
                        }
                    }
                }
            }
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * n, rowsOfB[p], 0, n);
            }
        }
        double[][] rowsOfC = rowBuffer(ROWS_OF_C, m, n);
        Parallel.forRanges(m, 1, work, (part, i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                if (accumulate) {
                    System.arraycopy(c, cOff + i * n, rowsOfC[i], 0, n);
                } else {
                    Arrays.fill(rowsOfC[i], 0, n, 0.0);
                }
            }
            updateRows(a, aOff, transA, m, rowsOfB, rowsOfC, i0, i1, n, k);
            for (int i = i0; i < i1; i++) {
                System.arraycopy(rowsOfC[i], 0, c, cOff + i * n, n);
            }
        });
    }

    /**
     * At least {@code count} rows of at least {@code length} values, kept by this thread from one
     * product to the next. Each row grows on its own, so products of different shapes (100 x 4320,
     * then 4320 x 100) hold about the larger of them, not the product of the largest sides.
     */
    private static double[][] rowBuffer(ThreadLocal<double[][]> slot, int count, int length) {
        double[][] rows = slot.get();
        if (rows.length < count) {
            rows = Arrays.copyOf(rows, count);
            slot.set(rows);
        }
        for (int i = 0; i < count; i++) {
            if (rows[i] == null || rows[i].length < length) {
                rows[i] = new double[length];
            }
        }
        return rows;
    }

    /** C[i] += sum over p of op(A)[i][p] * B[p] for rows [i0, i1) of C; B is (k x n), one array per row. */
    private static void updateRows(double[] a, int aOff, boolean transA, int m, double[][] b, double[][] c,
                                   int i0, int i1, int n, int k) {
        // op(A)[i][p] sits at a[i*k + p], or at a[p*m + i] when A is stored transposed.
        int strideI = transA ? 1 : k, strideP = transA ? m : 1;
        for (int j0 = 0; j0 < n; j0 += J_BLOCK) {
            int j1 = Math.min(n, j0 + J_BLOCK);
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                for (int i = i0; i < i1; i++) {
                    double[] ci = c[i];
                    int rowA = aOff + i * strideI;
                    int p = p0;
                    for (; p + 4 <= p1; p += 4) {
                        int at = rowA + p * strideP;
                        update(ci, a[at], b[p], a[at + strideP], b[p + 1], a[at + 2 * strideP], b[p + 2],
                                a[at + 3 * strideP], b[p + 3], j0, j1);
                    }
                    for (; p < p1; p++) {
                        double ap = a[rowA + p * strideP];
                        double[] bp = b[p];
                        for (int j = j0; j < j1; j++) {
                            ci[j] += ap * bp[j];
                        }
                    }
                }
            }
        }
    }

    /** The row-update kernel: c += a0*b0 + a1*b1 + a2*b2 + a3*b3 over [j0, j1), one SIMD loop. */
    private static void update(double[] c, double a0, double[] b0, double a1, double[] b1, double a2, double[] b2,
                               double a3, double[] b3, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** C[i][j] += row i of A . row j of B, for rows [i0, i1) of C; A is (m x k), B is (n x k). */
    private static void tileRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                 int i0, int i1, int n, int k) {
        int i = i0;
        for (; i + TILE <= i1; i += TILE) {
            int j = 0;
            for (; j + TILE <= n; j += TILE) {
                tile4x4(a, aOff + i * k, b, bOff + j * k, c, cOff + i * n + j, n, k);
            }
            for (; j < n; j++) {
                for (int r = i; r < i + TILE; r++) {
                    c[cOff + r * n + j] += dot(a, aOff + r * k, b, bOff + j * k, k);
                }
            }
        }
        for (; i < i1; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * n + j] += dot(a, aOff + i * k, b, bOff + j * k, k);
            }
        }
    }

    /**
     * The register kernel: the 4x4 block of C at c0 gets the dot products of 4 rows of A (from
     * ra0, k apart) with 4 rows of B (from rb0), 16 sums held in locals.
     */
    private static void tile4x4(double[] a, int ra0, double[] b, int rb0, double[] c, int c0, int n, int k) {
        int ra1 = ra0 + k, ra2 = ra1 + k, ra3 = ra2 + k;
        int rb1 = rb0 + k, rb2 = rb1 + k, rb3 = rb2 + k;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0; p < k; p++) {
            double a0 = a[ra0 + p], a1 = a[ra1 + p], a2 = a[ra2 + p], a3 = a[ra3 + p];
            double b0 = b[rb0 + p], b1 = b[rb1 + p], b2 = b[rb2 + p], b3 = b[rb3 + p];
            s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
            s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
            s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
            s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
        }
        int c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        c[c0] += s00; c[c0 + 1] += s01; c[c0 + 2] += s02; c[c0 + 3] += s03;
        c[c1] += s10; c[c1 + 1] += s11; c[c1 + 2] += s12; c[c1 + 3] += s13;
        c[c2] += s20; c[c2 + 1] += s21; c[c2 + 2] += s22; c[c2 + 3] += s23;
        c[c3] += s30; c[c3 + 1] += s31; c[c3 + 2] += s32; c[c3 + 3] += s33;
    }

    /** x[xs..xs+k) . y[ys..ys+k), with four partial sums so the additions do not wait on each other. */
    private static double dot(double[] x, int xs, double[] y, int ys, int k) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            s0 += x[xs + p] * y[ys + p];
            s1 += x[xs + p + 1] * y[ys + p + 1];
            s2 += x[xs + p + 2] * y[ys + p + 2];
            s3 += x[xs + p + 3] * y[ys + p + 3];
        }
        for (; p < k; p++) {
            s0 += x[xs + p] * y[ys + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The transpose of a (rows x cols) row-major matrix. */
    public static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[rows * cols];
        transpose(x, 0, rows, cols, t);
        return t;
    }

    private static void transpose(double[] x, int xOff, int rows, int cols, double[] t) {
        final int tile = 32;
        for (int i0 = 0; i0 < rows; i0 += tile) {
            for (int j0 = 0; j0 < cols; j0 += tile) {
                int i1 = Math.min(rows, i0 + tile), j1 = Math.min(cols, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        t[j * rows + i] = x[xOff + i * cols + j];
                    }
                }
            }
        }
    }

    private static void checkLength(String name, double[] x, int offset, long needed) {
        if (offset < 0 || x.length - (long) offset < needed) {
            throw new ShapeException("GEMM: matrix " + name + " has " + (x.length - (long) offset) + " values"
                    + (offset == 0 ? "" : " from offset " + offset) + ", needs " + needed);
        }
    }
}
