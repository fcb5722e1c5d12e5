package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorsTest {
    @Test
    void plainArraysViewsAndPermutedArraysAllArriveInRowMajorOrder() {
        INDArray plain = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
        double[] expected = new double[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i;
        }
        assertArrayEquals(expected, Tensors.fromNd(plain).data());
        assertArrayEquals(new int[] {2, 3, 4}, Tensors.fromNd(plain).shape());

        INDArray permuted = plain.permute(2, 1, 0); // same buffer, strides reordered
        Tensor p = Tensors.fromNd(permuted);
        assertArrayEquals(new int[] {4, 3, 2}, p.shape());
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 2; c++) {
                    assertArrayEquals(new double[] {plain.getDouble(c, b, a)}, new double[] {p.data()[(a * 3 + b) * 2 + c]});
                }
            }
        }
        INDArray row = plain.slice(1); // a view with an offset
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, 12, 24), Tensors.fromNd(row).data());
    }
}
