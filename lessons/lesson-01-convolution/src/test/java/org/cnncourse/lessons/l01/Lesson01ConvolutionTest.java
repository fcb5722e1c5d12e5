package org.cnncourse.lessons.l01;

import static org.cnncourse.lessons.support.LectureExamples.IMAGE_4X4;
import static org.cnncourse.lessons.support.LectureExamples.FILTER_3X3;

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


    @Test
    void itsSliceOfTheSweepIsOneImageOneChannelOneFilterAtStrides1To3() {
        assertEquals(6, cases().size());
        assertTrue(cases().stream().anyMatch(c -> c.strideH() == 3));
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
    void theLecturesRgbImageFlattensTo3072InBothAndTheConvolutionKeepsItsShape() {
        Lesson01Convolution.Flattening f = Lesson01Convolution.flatteningVersusConvolution();
        assertArrayEquals(new int[] {1, 3072}, f.flatByHand().shape());
        assertArrayEquals(new int[] {1, 3072}, f.flatDl4j().shape());
        assertEquals(3072, f.denseInputsDl4j());
        // The same order: pixel (c=1, h=2, w=3) sits at c*32*32 + h*32 + w on both sides.
        assertEquals(f.image().get(0, 1, 2, 3), f.flatDl4j().get(0, 1 * 1024 + 2 * 32 + 3), 0.0);
        assertArrayEquals(f.flatByHand().data(), f.flatDl4j().data(), 0.0);
        assertArrayEquals(f.affineByHand().data(), f.denseDl4j().data(), 1e-12);
        assertArrayEquals(new int[] {1, 1, 28, 28}, f.convByHand());
        assertArrayEquals(new long[] {1, 1, 28, 28}, f.convDl4j());
    }

    @Test
    void theFirstCellWorkedByHandIsTheLectures15() {
        List<Lesson01Convolution.Term> terms = Lesson01Convolution.oneCellByHand(
                IMAGE_4X4, FILTER_3X3, 0, 0);
        assertEquals("1*2 + 2*0 + 3*1 + 0*0 + 1*1 + 2*2 + 3*1 + 0*0 + 1*2", Lesson01Convolution.written(terms));
        assertEquals(15, Lesson01Convolution.sum(terms), 0.0);
        List<Lesson01Convolution.Term> last = Lesson01Convolution.oneCellByHand(
                IMAGE_4X4, FILTER_3X3, 1, 1);
        assertEquals(Lesson01Convolution.workedExample().dl4j().output().get(0, 0, 1, 1), Lesson01Convolution.sum(last), 1e-12);
    }

    @Test
    void filterLargerThanTheImageIsRejectedByBoth() {
        Rejection r = Rejection.convolution(ConvCase.input(1, 1, 5, 5).kernel(5).build(), Tensor.zeros(1, 1, 3, 3));
        assertTrue(r.bothRejected(), r.describe());
        assertTrue(r.byHand().getMessage().contains("OH = (H + 2P - FH)/S + 1 = (3 + 2*0 - 5)/1 + 1"), r.byHand().getMessage());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson01Convolution());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
