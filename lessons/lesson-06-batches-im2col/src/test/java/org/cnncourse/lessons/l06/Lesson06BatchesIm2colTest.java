package org.cnncourse.lessons.l06;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.scratch.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson06BatchesIm2colTest {
    static List<ConvCase> cases() {
        return Lesson06BatchesIm2col.cases();
    }



    @Test
    void im2colMatrixHasOneRowPerReceptiveField() {
        ConvGeometry g = Lesson06BatchesIm2col.geometry(Lesson06BatchesIm2col.batchCase());
        assertEquals(5 * 7 * 7, g.positions());
        assertEquals(3 * 3 * 3, g.patchSize());
    }

    @Test
    void convolutionIsOneMatrixProduct() {
        ConvCase cc = Lesson06BatchesIm2col.batchCase();
        Comparison c = Comparison.between("output", "col x W^T + b", Lesson06BatchesIm2col.convolutionAsMatrixProduct(cc),
                "DL4J", LayerComparison.convolution(cc).dl4j().output(), Dl4jPrecision.DOUBLE_TOLERANCE);
        assertTrue(c.passed(), c.describe());
    }

    @Test
    void batchEqualsOneImageAtATime() {
        Comparison c = Lesson06BatchesIm2col.batchEqualsOneAtATime(Lesson06BatchesIm2col.batchCase());
        assertTrue(c.passed(), c.describe());
    }

    @Test
    void theLecturesExampleAsIm2colRowsAndOneProduct() {
        Lesson06BatchesIm2col.LectureIm2col l = Lesson06BatchesIm2col.lectureIm2col();
        assertArrayEquals(new int[] {4, 9}, l.byHand().shape());
        // Row 0 is the top-left window read row by row; row 1 the window one step to the right.
        assertArrayEquals(new double[] {1, 2, 3, 0, 1, 2, 3, 0, 1}, java.util.Arrays.copyOfRange(l.byHand().data(), 0, 9), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 0, 1, 2, 3, 0, 1}, java.util.Arrays.copyOfRange(l.nd4j().data(), 0, 9), 0.0);
        assertArrayEquals(new double[] {2, 3, 0, 1, 2, 3, 0, 1, 2}, java.util.Arrays.copyOfRange(l.byHand().data(), 9, 18), 0.0);
        assertArrayEquals(l.byHand().data(), l.nd4j().data(), 0.0);
        assertArrayEquals(new double[] {15, 16, 6, 15}, l.product().data(), 0.0);
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson06BatchesIm2col());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
