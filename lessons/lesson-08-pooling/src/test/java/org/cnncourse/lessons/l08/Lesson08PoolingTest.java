package org.cnncourse.lessons.l08;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.PoolCase;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson08PoolingTest {
    static List<PoolCase> cases() {
        return Lesson08Pooling.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void byHandEqualsDl4jForwardAndBackward(PoolCase c) {
        LayerComparison.pooling(c).report().assertPassed();
    }

    @Test
    void sweepIsTheWholeCartesianProduct() {
        assertEquals(2 * 2 * 3 * 2 * 2 * 2, cases().size());
    }

    @Test
    void lectureExampleThroughBothImplementations() {
        LayerComparison.Result r = Lesson08Pooling.workedExample(Pooling.Type.MAX);
        assertArrayEquals(new double[] {2, 3, 4, 2}, r.byHand().output().data(), 0.0);
        assertArrayEquals(new double[] {2, 3, 4, 2}, r.dl4j().output().data(), 0.0);
        // The gradient goes to each window's maximum: 2 at (0,1), 3 at (1,3), 4 at (3,1), 2 at (2,3).
        double[] expectedDx = {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0};
        assertArrayEquals(expectedDx, r.byHand().inputGradient().data(), 0.0);
        r.report().assertPassed();
        Lesson08Pooling.workedExample(Pooling.Type.AVG).report().assertPassed();
    }

    @Test
    void aOnePixelShiftChangesMaxPoolingLittle() {
        Lesson08Pooling.ShiftEffect e = Lesson08Pooling.shiftEffect();
        assertTrue(e.byHandMaxChanged() < e.pixelsChanged(), e.toString());
        assertEquals(e.byHandMaxChanged(), e.dl4jMaxChanged(), 0.0);
    }

    @Test
    void shiftMovesThePicture() {
        Tensor x = Lesson08Pooling.strokes();
        Tensor moved = Lesson08Pooling.shiftRight(x);
        assertEquals(x.get(0, 0, 7, 7), moved.get(0, 0, 7, 8), 0.0);
        assertEquals(0.0, moved.get(0, 0, 7, 0), 0.0);
    }

    @Test
    void windowLargerThanTheInputIsRejectedByBoth() {
        Rejection r = Lesson08Pooling.windowLargerThanInput();
        assertTrue(r.bothRejected(), r.describe());
        assertTrue(r.byHand().getMessage().contains("(4 + 2*1 - 7)/1 + 1"), r.byHand().getMessage());
    }

    @Test
    void unpaddedOversizedWindowGivesAnEmptyMapInDl4jButAnErrorByHand() {
        // DL4J 1.0.0-M2.1 checks FH <= H + 2P only when P > 0; the lesson points this out.
        assertArrayEquals(new long[] {1, 1, 0, 0}, Lesson08Pooling.silentDl4jOutputShape());
        Rejection r = Rejection.pooling(PoolCase.input(1, 1, 4, 4).window(Pooling.Type.MAX, 5).build(), Tensor.zeros(1, 1, 4, 4));
        assertTrue(r.byHand() != null && r.byHand().getMessage().contains("(4 + 2*0 - 5)/1 + 1"), r.describe());
    }

    @Test
    void strictIndivisibleIsRejectedByBoth() {
        Rejection r = Lesson08Pooling.strictIndivisible();
        assertTrue(r.bothRejected(), r.describe());
        assertTrue(r.byHand().getMessage().contains("not divisible by S = 2"), r.byHand().getMessage());
    }

    @Test
    void withoutThePoolTheFirstAffineLayerHasFourTimesTheInputsAndWeights() {
        Lesson08Pooling.WhyPool why = Lesson08Pooling.whyPool();
        // 30 maps of 24x24 after the 5x5 convolution, 12x12 after the pool.
        assertEquals(30 * 12 * 12, why.valuesPooledByHand());
        assertEquals(30 * 24 * 24, why.valuesUnpooledByHand());
        assertEquals(why.valuesPooledByHand(), why.valuesPooledDl4j());
        assertEquals(why.valuesUnpooledByHand(), why.valuesUnpooledDl4j());
        assertEquals(why.valuesPooledByHand(), why.w2RowsOfSimpleConvNet());
        assertEquals((long) why.valuesPooledByHand() * 100 + 100, why.affine1ParamsPooled());
        assertEquals((long) why.valuesUnpooledByHand() * 100 + 100, why.affine1ParamsUnpooled());
        assertEquals(why.affine1ParamsUnpooled() - why.affine1ParamsPooled(), why.totalParamsUnpooled() - why.totalParamsPooled());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson08Pooling());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
