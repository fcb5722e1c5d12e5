package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The lecture's worked examples, computed by the by-hand layers. */
class GoldenExamplesTest {
    static final double[][] FILTER = {{2, 0, 1}, {0, 1, 2}, {1, 0, 2}};

    static Tensor image(double[][] rows) {
        return Tensor.matrix(rows).reshape(1, 1, rows.length, rows[0].length);
    }

    @Test
    void paddedConvolutionOfTheFourByFourExample() {
        Tensor x = image(new double[][] {{1, 2, 3, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 3, 0, 1}});
        Convolution conv = new Convolution(image(FILTER), Tensor.zeros(1), 1, 1);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[] {1, 1, 4, 4}, y.shape());
        assertArrayEquals(new double[] {7, 12, 10, 2, 4, 15, 16, 10, 10, 6, 15, 6, 8, 10, 4, 3}, y.data(), 0.0);
    }

    @Test
    void strideTwoOnTheSevenBySevenExample() {
        String[] rows = {"1230123", "0123012", "3012301", "2301230", "1230123", "0123012", "3012301"};
        double[][] m = new double[7][7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                m[i][j] = rows[i].charAt(j) - '0';
            }
        }
        Tensor y = new Convolution(image(FILTER), Tensor.zeros(1), 2, 0).forward(image(m));
        assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape(), "OH = (7 + 0 - 3)/2 + 1 = 3");
        assertEquals(15, y.get(0, 0, 0, 0), 0.0);
        assertEquals(17, y.get(0, 0, 0, 1), 0.0);
    }

    @Test
    void maxPoolingOfTheFourByFourExample() {
        Tensor x = image(new double[][] {{1, 2, 1, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 4, 0, 1}});
        Tensor y = new Pooling(Pooling.Type.MAX, 2, 2, 0).forward(x);
        assertArrayEquals(new double[] {2, 3, 4, 2}, y.data(), 0.0);
    }
}
