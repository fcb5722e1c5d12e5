package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jSimpleConvNetTest {
    @Test
    void hasTheLecturesParameterCount() {
        MultiLayerNetwork net = Dl4jSimpleConvNet.build(1);
        // conv 5*5*1*30 + 30, affine 30*12*12*100 + 100, affine 100*10 + 10
        long expected = (5 * 5 * 30 + 30) + (30L * 12 * 12 * 100 + 100) + (100 * 10 + 10);
        assertEquals(expected, net.numParams());
        assertEquals(433_890, net.numParams());
    }

    @Test
    void outputIsAProbabilityPerClass() {
        MultiLayerNetwork net = Dl4jSimpleConvNet.build(1);
        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 1, 28, 28));
        assertArrayEquals(new long[] {4, 10}, out.shape());
        INDArray sums = out.sum(1);
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, sums.getDouble(i), 1e-5);
        }
    }

    @Test
    void reluAsItsOwnLayerComputesWhatReluInsideTheConvolutionDoes() {
        var shape = Dl4jSimpleConvNet.Shape.lecture();
        var adam = new org.nd4j.linalg.learning.config.Adam(Dl4jSimpleConvNet.LEARNING_RATE);
        MultiLayerNetwork layer = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(shape, 7,
                org.nd4j.linalg.api.buffer.DataType.FLOAT, adam, true));
        MultiLayerNetwork inside = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(shape, 8,
                org.nd4j.linalg.api.buffer.DataType.FLOAT, adam, false));
        layer.init();
        inside.init();
        assertEquals(5, layer.getnLayers());
        assertEquals(4, inside.getnLayers());
        inside.setParams(layer.params()); // the ReLU layer has no parameters: the flat vectors line up
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28).subi(0.5);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 10, 1.0);
        }
        assertEquals(layer.output(x), inside.output(x));
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {layer, inside}) {
            net.setInput(x);
            net.setLabels(y);
            net.computeGradientAndScore();
        }
        assertEquals(layer.score(), inside.score(), 1e-6);
        INDArray a = layer.gradient().gradient(), b = inside.gradient().gradient();
        assertEquals(0.0, a.sub(b).norm2Number().doubleValue(), 1e-6 * a.norm2Number().doubleValue());
    }

    @Test
    void theLecturesInitialisationDrawsEveryWeightFromNormalZeroPointZeroOne() {
        MultiLayerNetwork lecture = Dl4jSimpleConvNet.lecture(1, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        MultiLayerNetwork he = new MultiLayerNetwork(
                Dl4jSimpleConvNet.configuration(28, 28, 1, 10, 1, org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        he.init();
        for (String key : new String[] {"0_W", "3_W", "4_W"}) {
            double std = lecture.getParam(key).stdNumber().doubleValue();
            assertEquals(Dl4jSimpleConvNet.LECTURE_WEIGHT_STD, std, 0.001, key);
            // He's standard deviation is sqrt(2 / fan-in): 0.28 for the convolution, 0.02 for affine1, 0.14 for affine2.
            assertTrue(he.getParam(key).stdNumber().doubleValue() > 1.5 * std, key);
        }
    }
}
