package org.cnncourse.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"1,1,1", "3,5,7", "33,17,129", "70,600,130", "257,31,300", "640,64,200", "576,30,25", "900,25,30"})
    void blockedProductEqualsTextbookProduct(int m, int n, int k) {
        Random r = new Random(m * 1000L + n * 10L + k);
        double[] a = Tensor.uniform(r, m, k).data(), b = Tensor.uniform(r, k, n).data();
        Tensor expected = Tensor.of(TwinAssertions.product(a, b, m, n, k), m, n);
        double[] c = new double[m * n];
        Gemm.multiply(a, false, b, false, c, m, n, k, false);
        TwinAssertions.assertClose("A*B", expected, Tensor.of(c, m, n), 1e-12);
        double[] c2 = new double[m * n];
        Gemm.multiply(Gemm.transpose(a, m, k), true, Gemm.transpose(b, k, n), true, c2, m, n, k, false);
        TwinAssertions.assertClose("(A^T)^T*(B^T)^T", expected, Tensor.of(c2, m, n), 1e-12);
        Gemm.multiply(a, false, b, false, c2, m, n, k, true);
        double[] twice = expected.data().clone();
        for (int i = 0; i < twice.length; i++) {
            twice[i] *= 2;
        }
        TwinAssertions.assertClose("C += A*B", Tensor.of(twice, m, n), Tensor.of(c2, m, n), 1e-12);
    }

    /** Every combination of stored-transposed operands, on both kernels: long k with B^T takes the register tiles. */
    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"5,7,3", "30,25,576", "31,26,600", "100,4320,100", "25,576,30", "4320,100,100", "6,9,257"})
    void transposedOperandsGiveTheSameProduct(int m, int n, int k) {
        Random r = new Random(m * 7L + n * 3L + k);
        double[] a = Tensor.uniform(r, m, k).data(), b = Tensor.uniform(r, k, n).data();
        Tensor expected = Tensor.of(TwinAssertions.product(a, b, m, n, k), m, n);
        double[] at = Gemm.transpose(a, m, k), bt = Gemm.transpose(b, k, n);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                double[] c = new double[m * n];
                java.util.Arrays.fill(c, 99.0); // overwritten, not added to
                Gemm.multiply(transA ? at : a, transA, transB ? bt : b, transB, c, m, n, k, false);
                TwinAssertions.assertClose("transA=" + transA + ", transB=" + transB, expected, Tensor.of(c, m, n), 1e-11);
            }
        }
    }

    @Test
    void matricesInsideLargerArraysAndOneThreadGiveTheSameProduct() {
        int m = 30, n = 576, k = 25, lead = 17;
        Random r = new Random(5);
        double[] a = Tensor.uniform(r, m, k).data(), b = Tensor.uniform(r, k, n).data();
        double[] expected = TwinAssertions.product(a, b, m, n, k);
        double[] aa = new double[lead + m * k], bb = new double[lead + k * n], cc = new double[2 * lead + m * n];
        System.arraycopy(a, 0, aa, lead, a.length);
        System.arraycopy(b, 0, bb, lead, b.length);
        Gemm.multiply(aa, lead, false, bb, lead, false, cc, 2 * lead, m, n, k, false, false);
        double[] c = java.util.Arrays.copyOfRange(cc, 2 * lead, 2 * lead + m * n);
        TwinAssertions.assertClose("offsets", Tensor.of(expected, m, n), Tensor.of(c, m, n), 1e-12);
        for (int i = 0; i < 2 * lead; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(0.0, cc[i], "value " + i + ", before C, was written");
        }
    }

    /** The row buffers are kept between products: wide ones after tall ones (and back) must still give exact products. */
    @Test
    void productsOfAlternatingShapesReuseTheBuffersCorrectly() {
        Random r = new Random(9);
        int[][] shapes = {{700, 30, 25}, {20, 900, 100}, {900, 20, 100}, {3, 5, 7}, {700, 30, 25}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            double[] a = Tensor.uniform(r, m, k).data(), b = Tensor.uniform(r, k, n).data();
            double[] c = new double[m * n];
            Gemm.multiply(a, false, Gemm.transpose(b, k, n), true, c, m, n, k, false);
            TwinAssertions.assertClose(m + "x" + n + "x" + k, Tensor.of(TwinAssertions.product(a, b, m, n, k), m, n),
                    Tensor.of(c, m, n), 1e-12);
        }
    }

    @ParameterizedTest
    @CsvSource({"4,4,4"})
    void tooShortMatrixIsRejected(int m, int n, int k) {
        assertThrows(ShapeException.class,
                () -> Gemm.multiply(new double[m * k - 1], false, new double[k * n], false, new double[m * n], m, n, k, false));
    }
}
