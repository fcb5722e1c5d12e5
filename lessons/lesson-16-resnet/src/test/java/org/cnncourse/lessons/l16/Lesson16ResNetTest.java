package org.cnncourse.lessons.l16;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Lesson16ResNetTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void batchNormalizationByHandEqualsDl4jInTrainingAndInference(long seed) {
        ComparisonReport r = Lesson16ResNet.batchNorm(seed);
        r.assertPassed();
        assertTrue(r.comparisons().size() == 7);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void basicBlockEqualsDl4j(long seed) {
        ComparisonReport r = Lesson16ResNet.compare(Lesson16ResNet.block(false, seed), "basic", seed);
        r.assertPassed();
        assertTrue(r.comparisons().size() >= 1 + 6 + 1, r.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void bottleneckBlockEqualsDl4j(long seed) {
        ComparisonReport r = Lesson16ResNet.compare(Lesson16ResNet.block(true, seed), "bottleneck", seed);
        r.assertPassed();
        assertTrue(r.comparisons().size() >= 1 + 12 + 1, r.toString());
    }

    @Test
    void dl4jIgnoresAnActivationSetOnBatchNormalization() {
        assertTrue(Lesson16ResNet.bnWithReluMinimum() < 0, "pinned DL4J 1.0.0-M2.1 behaviour");
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson16ResNet());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
    }

    @Test
    void plainAndResidualStacksHaveTheSameLayersAndDifferOnlyInTheSkipConnections() {
        PlainVsResidual.Setup s = PlainVsResidual.lessonSetup();
        var plain = new org.deeplearning4j.nn.graph.ComputationGraph(PlainVsResidual.network(false, s));
        var residual = new org.deeplearning4j.nn.graph.ComputationGraph(PlainVsResidual.network(true, s));
        plain.init();
        residual.init();
        assertEquals(plain.numParams(), residual.numParams());
        assertEquals(plain.params(), residual.params(), "same seed, same initial weights");
        assertEquals(s.weightLayers() - 1, java.util.Arrays.stream(plain.getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer).count());
        assertEquals(s.blocks(), residual.getVertices().length - plain.getVertices().length, "one add vertex per block");
    }

    @org.junit.jupiter.api.Test
    void resNet152Is152LayersDeepCountedInDl4jAndByHand() {
        assertSameDepthAndSize(152, org.cnncourse.models.FullSizeArchitectures.resNet152(1), org.cnncourse.scratch.ResNet.resNet152());
    }

    @org.junit.jupiter.api.Test
    void resNet20Is20LayersDeepCountedInDl4jAndByHand() {
        assertSameDepthAndSize(20, org.cnncourse.models.CompactArchitectures.resNet20(1), org.cnncourse.scratch.ResNet.resNet20());
    }

    @org.junit.jupiter.api.Test
    void theCompactNetworkWrittenByHandEqualsDl4jEndToEnd() {
        assertAllEqual(Lesson16ResNet.compactEndToEnd(), org.cnncourse.scratch.ResNet.small());
    }

    @org.junit.jupiter.api.Test
    void resNet20WrittenByHandEqualsDl4jEndToEnd() {
        assertAllEqual(Lesson16ResNet.resNet20EndToEnd(), org.cnncourse.scratch.ResNet.resNet20());
    }

    /** Layers with weights on the longest path, and trainable parameters, the same in DL4J and by hand. */
    private static void assertSameDepthAndSize(int depth, org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf,
                                               org.cnncourse.scratch.Blueprint byHand) {
        var net = new org.deeplearning4j.nn.graph.ComputationGraph(conf);
        net.init();
        assertEquals(depth, org.cnncourse.models.Networks.depth(net));
        assertEquals(depth, byHand.depth());
        assertEquals(org.cnncourse.models.FullSizeArchitectures.trainableParams(net), byHand.numParams());
    }

    /** Softmax, loss, and one gradient per parameter of the hand-written network: all there, all equal. */
    private static void assertAllEqual(java.util.List<org.cnncourse.lessons.support.Comparison> all,
                                       org.cnncourse.scratch.Blueprint byHand) {
        assertEquals(2 + byHand.parameterShapes().size(), all.size());
        for (var c : all) {
            assertTrue(c.passed(), c.describe());
        }
    }
}
