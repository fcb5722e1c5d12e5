package org.cnncourse.lessons.l02;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.scratch.ShapeException;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson02PaddingTest {
    static List<ConvCase> cases() {
        return Lesson02Padding.cases();
    }


    @Test
    void sweepHasPaddingOneAndTwo() {
        assertEquals(12, cases().size());
        assertTrue(cases().stream().anyMatch(c -> c.padH() == 2));
    }

    @Test
    void lectureExampleThroughBothImplementations() {
        LayerComparison.Result r = Lesson02Padding.workedExample();
        double[] expected = {7, 12, 10, 2, 4, 15, 16, 10, 10, 6, 15, 6, 8, 10, 4, 3};
        assertArrayEquals(expected, r.byHand().output().data(), 0.0);
        assertArrayEquals(expected, r.dl4j().output().data(), 1e-12);
        r.report().assertPassed();
    }

    @Test
    void outputSizeFollowsTheFormula() {
        for (Lesson02Padding.SizeRow row : Lesson02Padding.outputSizes()) {
            int side = 4 + 2 * row.pad() - 3 + 1;
            assertArrayEquals(new int[] {1, 1, side, side}, row.byHand());
            assertArrayEquals(new long[] {1, 1, side, side}, row.dl4j());
        }
    }

    @Test
    void paddingDoesNotRescueATooLargeFilterAndBothSayNo() {
        // 3x3 input, padding 1, 7x7 filter: (3 + 2 - 7) < 0.
        Rejection r = Rejection.convolution(ConvCase.input(1, 1, 3, 3).kernel(7).pad(1).build(), Tensor.zeros(1, 1, 3, 3));
        assertTrue(r.bothRejected(), r.describe());
        assertTrue(r.byHand() instanceof ShapeException);
        assertTrue(r.byHand().getMessage().contains("(3 + 2*1 - 7)/1 + 1"), r.byHand().getMessage());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson02Padding());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
