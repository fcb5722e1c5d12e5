package org.cnncourse.lessons.l14;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;

class Lesson14VggTest {
    @Test
    void threeStackedThreeByThreesSeeASevenBySevenField() {
        boolean[][][] seen = Lesson14Vgg.receptiveField();
        for (int side = 0; side < 2; side++) {
            int count = 0;
            for (int r = 0; r < 15; r++) {
                for (int c = 0; c < 15; c++) {
                    boolean inside = Math.abs(r - 7) <= 3 && Math.abs(c - 7) <= 3;
                    assertEquals(inside, seen[side][r][c], (side == 0 ? "by hand" : "DL4J") + " pixel " + r + "," + c);
                    count += seen[side][r][c] ? 1 : 0;
                }
            }
            assertEquals(49, count);
        }
    }

    @Test
    void reducedVggForwardAndBackwardEqualDl4j() {
        for (Comparison c : Lesson14Vgg.reducedEndToEnd()) {
            assertTrue(c.passed(), c.describe());
        }
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson14Vgg());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
    }

    @org.junit.jupiter.api.Test
    void theHandWrittenVgg16HasThePapersParametersAndDepth() {
        var vgg16 = org.cnncourse.scratch.Vgg.Config.vgg16();
        org.junit.jupiter.api.Assertions.assertEquals(138_357_544L, org.cnncourse.scratch.Architectures.count(org.cnncourse.scratch.Vgg.parameterShapes(vgg16)));
        org.junit.jupiter.api.Assertions.assertEquals(16, org.cnncourse.scratch.Architectures.chainDepth(org.cnncourse.scratch.Vgg.parameterShapes(vgg16)));
    }

    @org.junit.jupiter.api.Test
    void theCompactNetworkWrittenByHandEqualsDl4jEndToEnd() {
        var all = Lesson14Vgg.compactEndToEnd();
        // softmax, loss, and one gradient per parameter of the hand-written network
        org.junit.jupiter.api.Assertions.assertEquals(2 + org.cnncourse.scratch.Vgg.small().parameterShapes().size(), all.size());
        for (var c : all) {
            org.junit.jupiter.api.Assertions.assertTrue(c.passed(), c.describe());
        }
    }
}
