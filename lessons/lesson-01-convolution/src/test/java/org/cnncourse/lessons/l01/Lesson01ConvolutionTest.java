package org.cnncourse.lessons.l01;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson01ConvolutionTest {
    static List<ConvCase> cases() {
        return Lesson01Convolution.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void byHandEqualsDl4jForwardAndBackward(ConvCase c) {
        LayerComparison.convolution(c).report().assertPassed();
    }

    @Test
    void sweepCoversStridesPaddingsBatchesAndNonSquareShapes() {
        assertEquals(36, cases().size());
        assertTrue(cases().stream().anyMatch(c -> c.h() != c.w() && c.fh() != c.fw()));
    }

    @Test
    void lectureExampleThroughBothImplementations() {
        LayerComparison.Result r = Lesson01Convolution.workedExample();
        double[] expected = {15, 16, 6, 15};
        assertArrayEquals(expected, r.byHand().output().data(), 0.0);
        assertArrayEquals(expected, r.dl4j().output().data(), 1e-12);
        r.report().assertPassed();
    }

    @Test
    void fullyConnectedFlattensButConvolutionKeepsTheShape() {
        Lesson01Convolution.Shapes s = Lesson01Convolution.fullyConnectedVersusConvolution();
        assertArrayEquals(new int[] {1, 4}, s.affineByHand());
        assertArrayEquals(new long[] {1, 4}, s.denseDl4j());
        assertArrayEquals(new int[] {1, 1, 2, 2}, s.convByHand());
        assertArrayEquals(new long[] {1, 1, 2, 2}, s.convDl4j());
    }

    @Test
    void filterLargerThanTheImageIsRejectedByBoth() {
        Rejection r = Rejection.convolution(ConvCase.of(1, 1, 5, 5, 1, 5, 1, 0, 0), Tensor.zeros(1, 1, 3, 3));
        assertTrue(r.bothRejected(), r.describe());
        assertTrue(r.byHand().getMessage().contains("OH = (H + 2P - FH)/S + 1 = (3 + 2*0 - 5)/1 + 1"), r.byHand().getMessage());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson01Convolution());
        assertTrue(run.passed(), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
