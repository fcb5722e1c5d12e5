package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest {
    @ParameterizedTest(name = "{0}x{2} * {2}x{1}")
    @CsvSource({"1,1,1", "3,5,7", "33,17,129", "70,600,130", "257,31,300", "640,64,200", "576,30,25", "900,25,30"})
    void blockedProductEqualsTextbookProduct(int m, int n, int k) {
        Random r = new Random(m * 1000L + n * 10L + k);
        double[] a = Tensor.uniform(r, m, k).data(), b = Tensor.uniform(r, k, n).data();
        Tensor expected = Tensor.of(Reference.multiply(a, b, m, n, k), m, n);
        double[] c = new double[m * n];
        Gemm.multiply(a, false, b, false, c, m, n, k, false);
        Reference.assertClose("A*B", expected, Tensor.of(c, m, n), 1e-12);
        double[] c2 = new double[m * n];
        Gemm.multiply(Gemm.transpose(a, m, k), true, Gemm.transpose(b, k, n), true, c2, m, n, k, false);
        Reference.assertClose("(A^T)^T*(B^T)^T", expected, Tensor.of(c2, m, n), 1e-12);
        Gemm.multiply(a, false, b, false, c2, m, n, k, true);
        double[] twice = expected.data().clone();
        for (int i = 0; i < twice.length; i++) {
            twice[i] *= 2;
        }
        Reference.assertClose("C += A*B", Tensor.of(twice, m, n), Tensor.of(c2, m, n), 1e-12);
    }

    @ParameterizedTest
    @CsvSource({"4,4,4"})
    void tooShortMatrixIsRejected(int m, int n, int k) {
        assertThrows(ShapeException.class,
                () -> Gemm.multiply(new double[m * k - 1], false, new double[k * n], false, new double[m * n], m, n, k, false));
    }
}
