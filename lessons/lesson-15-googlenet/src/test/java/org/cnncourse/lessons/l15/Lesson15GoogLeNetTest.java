package org.cnncourse.lessons.l15;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Lesson15GoogLeNetTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void anInceptionModuleByHandEqualsDl4j(long seed) {
        ComparisonReport r = Lesson15GoogLeNet.compareModule(seed);
        r.assertPassed();
        assertEquals(1 + 12 + 1, r.comparisons().size(), r.toString());
    }

    @Test
    void thePublishedTwoTowerAlexNetHasSixtyMillionParameters() {
        assertEquals(60_965_224, Lesson15GoogLeNet.ALEXNET_TWO_TOWERS);
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson15GoogLeNet());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
    }

    @org.junit.jupiter.api.Test
    void googLeNetIsTwentyTwoLayersDeepCountedInDl4jAndByHand() {
        var net = new org.deeplearning4j.nn.graph.ComputationGraph(org.cnncourse.models.FullSizeArchitectures.googLeNet(1));
        net.init();
        assertEquals(22, org.cnncourse.models.Networks.depth(net));
        assertEquals(22, org.cnncourse.scratch.GoogLeNet.full().depth());
        assertEquals(net.numParams(), org.cnncourse.scratch.GoogLeNet.full().numParams());
    }

    @org.junit.jupiter.api.Test
    void theCompactNetworkWrittenByHandEqualsDl4jEndToEnd() {
        var all = Lesson15GoogLeNet.compactEndToEnd();
        // softmax, loss, and one gradient per parameter of the hand-written network
        assertEquals(2 + org.cnncourse.scratch.GoogLeNet.small().parameterShapes().size(), all.size());
        for (var c : all) {
            assertTrue(c.passed(), c.describe());
        }
    }
}
