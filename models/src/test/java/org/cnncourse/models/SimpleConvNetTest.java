package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SimpleConvNetTest {
    @Test
    void hasTheLecturesParameterCount() {
        MultiLayerNetwork net = SimpleConvNet.build(1);
        // conv 5*5*1*30 + 30, affine 30*12*12*100 + 100, affine 100*10 + 10
        long expected = (5 * 5 * 30 + 30) + (30L * 12 * 12 * 100 + 100) + (100 * 10 + 10);
        assertEquals(expected, net.numParams());
        assertEquals(433_890, net.numParams());
    }

    @Test
    void outputIsAProbabilityPerClass() {
        MultiLayerNetwork net = SimpleConvNet.build(1);
        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28));
        assertArrayEquals(new long[] {4, 10}, out.shape());
        INDArray sums = out.sum(1);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, sums.getDouble(i), 1e-5);
        }
    }
}
