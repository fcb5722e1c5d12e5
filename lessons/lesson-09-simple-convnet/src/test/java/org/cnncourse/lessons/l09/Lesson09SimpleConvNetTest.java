package org.cnncourse.lessons.l09;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;

class Lesson09SimpleConvNetTest {
    static void assertAllPassed(List<Comparison> comparisons) {
        assertTrue(!comparisons.isEmpty());
        for (Comparison c : comparisons) {
            assertTrue(c.passed(), c.describe());
        }
    }

    @Test
    void lossPredictionsAndEveryGradientAgreeWithDl4j() {
        Lesson09SimpleConvNet.EndToEnd e = Lesson09SimpleConvNet.endToEnd();
        assertEquals(8, e.comparisons().size(), "predictions, loss and six gradients");
        assertAllPassed(e.comparisons());
        assertTrue(e.byHandLoss() > 1.0, "an untrained network's loss is near ln 10: " + e.byHandLoss());
    }

    @Test
    void backpropagationEqualsTheNumericalGradient() {
        assertAllPassed(Lesson09SimpleConvNet.gradientCheck());
    }

    @Test
    void adamStepsAreTheSameForThreeSteps() {
        List<Comparison> steps = Lesson09SimpleConvNet.adamSteps(3);
        assertEquals(18, steps.size());
        assertAllPassed(steps);
    }

    @Test
    void savedParametersPredictTheSame() {
        Comparison c = Lesson09SimpleConvNet.saveAndLoad();
        assertTrue(c.passed(), c.describe());
    }

    @Test
    void theBooksParametersSitInDl4jLayersZeroThreeAndFour() {
        java.util.List<Lesson09SimpleConvNet.ParamRow> rows = Lesson09SimpleConvNet.layout();
        assertEquals(java.util.List.of("0_W", "0_b", "3_W", "3_b", "4_W", "4_b"),
                rows.stream().map(Lesson09SimpleConvNet.ParamRow::dl4jKey).toList());
        assertEquals(433_890, rows.stream().mapToInt(Lesson09SimpleConvNet.ParamRow::size).sum());
        assertArrayEquals(new int[] {4320, 100}, rows.get(2).byHandShape());
        assertArrayEquals(new long[] {4320, 100}, rows.get(2).dl4jShape());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson09SimpleConvNet());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
    }
}
