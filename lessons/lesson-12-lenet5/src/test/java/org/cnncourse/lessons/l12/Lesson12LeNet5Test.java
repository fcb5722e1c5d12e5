package org.cnncourse.lessons.l12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.models.LeNet5;
import org.junit.jupiter.api.Test;

class Lesson12LeNet5Test {
    @Test
    void hasSixtyOneThousandSevenHundredAndSixTrainableParameters() {
        assertEquals(61_706, Lesson12LeNet5.dl4j(1).numParams());
        assertEquals(61_706, org.cnncourse.scratch.LeNet5.random(1).numParams());
        for (Map.Entry<String, long[]> e : Lesson12LeNet5.parameterCounts().entrySet()) {
            assertEquals(e.getValue()[2], e.getValue()[0], e.getKey() + " in DL4J");
            assertEquals(e.getValue()[2], e.getValue()[1], e.getKey() + " by hand");
        }
    }

    @Test
    void thePapersPartialC3TableHasSixtyConnections() {
        assertEquals(60 * 25 + 16, LeNet5.partialC3Params());
        assertEquals(1_516, LeNet5.partialC3Params());
    }

    @Test
    void thePapersCountWithoutTheOutputLayerIsSixtyThousand() {
        long total = Lesson12LeNet5.paperParameterCounts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(60_000, total);
    }

    @Test
    void bothSidesFollowTheLecturesTableWithTanhAfterTheAveragePooling() {
        List<String> byHand = org.cnncourse.scratch.LeNet5.random(1).network().names();
        assertEquals(byHand.indexOf("S2") + 1, byHand.indexOf("S2 tanh"));
        assertEquals(byHand.indexOf("S4") + 1, byHand.indexOf("S4 tanh"));
        assertEquals("S2 tanh", Lesson12LeNet5.dl4j(1).getLayer(2).conf().getLayer().getLayerName());
        assertEquals("S4 tanh", Lesson12LeNet5.dl4j(1).getLayer(5).conf().getLayer().getLayerName());
    }

    @Test
    void byHandEqualsDl4jForwardAndBackward() {
        List<Comparison> all = Lesson12LeNet5.endToEnd();
        assertEquals(3 + 10, all.size());
        for (Comparison c : all) {
            assertTrue(c.passed(), c.describe());
        }
    }

    @Test
    void dl4jGradientCheckPasses() {
        assertTrue(Lesson12LeNet5.dl4jGradientCheck());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson12LeNet5());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("C5"), run.text());
    }
}
