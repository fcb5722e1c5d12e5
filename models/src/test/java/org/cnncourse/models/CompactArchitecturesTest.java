package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.buffer.DataType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The compact architectures build, take 28x28 Fashion-MNIST batches, and lower their loss on one. */
class CompactArchitecturesTest {
    static DataSet batch() {
        DataSetIterator it = Pipelines.iterator(ImageSets.first(CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN), 32),
                PipelineOptions.evaluation(32));
        return it.next();
    }

    static void learnsOnOneBatch(Model net, java.util.function.Function<INDArray, INDArray> output,
                                 java.util.function.Consumer<DataSet> fit) {
        DataSet ds = batch();
        INDArray out = output.apply(ds.getFeatures());
        assertArrayEquals(new long[] {32, 10}, out.shape());
        fit.accept(ds);
        double first = net.score();
        for (int i = 0; i < 5; i++) {
            fit.accept(ds);
        }
        assertTrue(net.score() < first, "loss " + first + " -> " + net.score());
    }

    @Test
    void alexNetSmall() {
        MultiLayerNetwork net = new MultiLayerNetwork(CompactArchitectures.alexNetSmall(1));
        net.init();
        learnsOnOneBatch(net, net::output, net::fit);
    }

    @Test
    void vggSmall() {
        MultiLayerNetwork net = new MultiLayerNetwork(CompactArchitectures.vggSmall(1));
        net.init();
        learnsOnOneBatch(net, net::output, net::fit);
    }

    @Test
    void inceptionSmall() {
        ComputationGraph net = new ComputationGraph(CompactArchitectures.inceptionSmall(1));
        net.init();
        learnsOnOneBatch(net, x -> net.outputSingle(x), net::fit);
    }

    @Test
    void resNetSmall() {
        ComputationGraph net = new ComputationGraph(CompactArchitectures.resNetSmall(1));
        net.init();
        learnsOnOneBatch(net, x -> net.outputSingle(x), net::fit);
        assertEquals(0, FullSizeArchitectures.runningStatistics(net) % 2);
    }

    @Test
    void resNet20HasThePapersTwentyLayersWithWeightsAndLearns() {
        ComputationGraph net = new ComputationGraph(CompactArchitectures.resNet20(1));
        net.init();
        learnsOnOneBatch(net, x -> net.outputSingle(x), net::fit);
        // 6n+2 with n = 3: the stem, 3 stages x 3 blocks x 2 convolutions, the classifier. The two
        // 1x1 projection shortcuts are not counted, as in the paper.
        long convolutions = net.getConfiguration().getVertices().keySet().stream()
                .filter(n -> net.getLayer(n) instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer)
                .filter(n -> !n.endsWith("_shortcut")).count();
        assertEquals(19, convolutions);
        assertEquals(2, net.getConfiguration().getVertices().keySet().stream().filter(n -> n.endsWith("_shortcut")).count());
        // The stem keeps the 28x28 side (resnet-small's halves it): the last stage works on 7x7.
        INDArray lastStage = net.feedForward(batch().getFeatures(), false).get("res3_3");
        assertArrayEquals(new long[] {32, 64, 7, 7}, lastStage.shape());
    }

    /** The same parameters in both layouts: the ReLU as its own layer computes exactly what the ReLU on the convolution does. */
    @Test
    void theReluAsItsOwnLayerGivesTheSameOutputsAsTheReluOnTheConvolution() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        MultiLayerNetwork[][] pairs = {
            {new MultiLayerNetwork(CompactArchitectures.alexNetSmall(3, false)), new MultiLayerNetwork(CompactArchitectures.alexNetSmall(3, true))},
            {new MultiLayerNetwork(CompactArchitectures.vggSmall(3, false)), new MultiLayerNetwork(CompactArchitectures.vggSmall(3, true))}};
        for (MultiLayerNetwork[] pair : pairs) {
            pair[0].init();
            pair[1].init(pair[0].params().dup(), true);
            assertEquals(pair[0].numParams(), pair[1].numParams());
            assertTrue(pair[1].getnLayers() > pair[0].getnLayers(), "one ActivationLayer more per convolution");
            assertEquals(pair[0].output(x), pair[1].output(x));
        }
        ComputationGraph inside = new ComputationGraph(CompactArchitectures.inceptionSmall(3, false));
        inside.init();
        ComputationGraph apart = new ComputationGraph(CompactArchitectures.inceptionSmall(3, true));
        apart.init();
        for (String name : inside.getConfiguration().getVertices().keySet()) {
            if (inside.getLayer(name) != null && inside.getLayer(name).numParams() > 0) {
                apart.getLayer(name).setParams(inside.getLayer(name).params().dup());
            }
        }
        assertEquals(inside.numParams(), apart.numParams());
        assertEquals(inside.outputSingle(x), apart.outputSingle(x));
    }
}
