package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Parameter counts of the full-size networks, and one forward pass each on one random image. */
class FullSizeArchitecturesTest {
    static void assertProbabilities(INDArray out) {
        assertArrayEquals(new long[] {1, 1000}, out.shape());
        assertEquals(1.0, out.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void alexNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(FullSizeArchitectures.alexNet(1));
        net.init();
        assertEquals(62_378_344, net.numParams());
        assertProbabilities(net.output(Nd4j.rand(DataType.FLOAT, 1, 3, 227, 227)));
    }

    @Test
    void vgg16() {
        MultiLayerNetwork net = new MultiLayerNetwork(FullSizeArchitectures.vgg16(1));
        net.init();
        assertEquals(138_357_544, net.numParams());
        assertProbabilities(net.output(Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224)));
    }

    @Test
    void resNet50() {
        ComputationGraph net = new ComputationGraph(FullSizeArchitectures.resNet50(1));
        net.init();
        assertEquals(25_557_032, FullSizeArchitectures.trainableParams(net));
        assertEquals(53_120, FullSizeArchitectures.runningStatistics(net));
        assertProbabilities(net.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224)));
    }

    @Test
    void resNet152() {
        ComputationGraph net = new ComputationGraph(FullSizeArchitectures.resNet152(1));
        net.init();
        assertEquals(60_192_808, FullSizeArchitectures.trainableParams(net));
        assertProbabilities(net.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224)));
    }

    @Test
    void googLeNet() {
        ComputationGraph net = new ComputationGraph(FullSizeArchitectures.googLeNet(1));
        net.init();
        // The BVLC Caffe GoogLeNet without its two auxiliary classifiers has the same count.
        assertEquals(6_998_552, net.numParams());
        assertEquals(8.91, 62_378_344.0 / net.numParams(), 0.005, "AlexNet / GoogLeNet");
        assertEquals(19.77, 138_357_544.0 / net.numParams(), 0.005, "VGG-16 / GoogLeNet");
        assertProbabilities(net.outputSingle(Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224)));
    }
}
