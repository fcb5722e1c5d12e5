package org.cnncourse.lessons.l03;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson03StrideTest {
    static List<ConvCase> cases() {
        return Lesson03Stride.cases();
    }


    @Test
    void lectureExampleThroughBothImplementations() {
        LayerComparison.Result r = Lesson03Stride.workedExample();
        assertArrayEquals(new int[] {1, 1, 3, 3}, r.byHand().output().shape());
        assertEquals(15, r.byHand().output().get(0, 0, 0, 0), 0.0);
        assertEquals(17, r.byHand().output().get(0, 0, 0, 1), 0.0);
        assertEquals(15, r.dl4j().output().get(0, 0, 0, 0), 1e-12);
        assertEquals(17, r.dl4j().output().get(0, 0, 0, 1), 1e-12);
        r.report().assertPassed();
    }

    @Test
    void theThreeRulesGiveTheSameShapesOnBothSides() {
        List<Lesson03Stride.ModeRow> rows = Lesson03Stride.modesOnStrideThree();
        assertEquals("rejected", rows.get(0).byHand());
        assertEquals("rejected", rows.get(0).dl4j());
        assertEquals("[1, 1, 2, 2]", rows.get(1).byHand());
        assertEquals("[1, 1, 2, 2]", rows.get(1).dl4j());
        assertEquals("[1, 1, 3, 3]", rows.get(2).byHand());
        assertEquals("[1, 1, 3, 3]", rows.get(2).dl4j());
    }

    @Test
    void strictIndivisibleIsRejectedByBothAndTheMessageShowsTheValues() {
        Rejection r = Rejection.convolution(ConvCase.input(1, 1, 7, 7).kernel(3).stride(3).build().withMode(ConvolutionMode.Strict),
                Tensor.zeros(1, 1, 7, 7));
        assertTrue(r.bothRejected(), r.describe());
        String m = r.byHand().getMessage();
        assertTrue(m.contains("OH = (H + 2P - FH)/S + 1 = (7 + 2*0 - 3)/3 + 1"), m);
        assertTrue(m.contains("(H + 2P - FH) = 4 is not divisible by S = 3"), m);
    }

    @Test
    void sweepHasEveryMode() {
        for (ConvolutionMode m : new ConvolutionMode[] {ConvolutionMode.Strict, ConvolutionMode.Truncate, ConvolutionMode.Same}) {
            assertTrue(cases().stream().anyMatch(c -> c.mode() == m), m.toString());
        }
        assertEquals(4 * 3 * 2 + 4 * 2 * 2 + 2, cases().size(), "Same at strides 1-3, Truncate at 2 and 3, two Strict");
    }

    @Test
    void theLecturesIntRoundsDownLikeTruncate() {
        List<Lesson03Stride.Rounding> rows = Lesson03Stride.lectureRounding();
        assertEquals(List.of(5, 3, 2, 2), rows.stream().map(Lesson03Stride.Rounding::lecture).toList());
        for (Lesson03Stride.Rounding r : rows) {
            assertEquals(r.lecture(), r.byHand(), r.toString());
            assertEquals(r.lecture(), r.dl4j(), r.toString());
        }
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson03Stride());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
