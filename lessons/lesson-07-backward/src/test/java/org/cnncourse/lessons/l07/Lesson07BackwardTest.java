package org.cnncourse.lessons.l07;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson07BackwardTest {
    static List<ConvCase> cases() {
        return Lesson07Backward.cases();
    }

    /** Every 7th case of the sweep: numerical gradients are slow, this still spans all settings. */
    static Stream<ConvCase> gradientCheckCases() {
        List<ConvCase> all = cases();
        return java.util.stream.IntStream.range(0, all.size()).filter(i -> i % 7 == 0).mapToObj(all::get);
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void col2imEqualsNd4jCol2im(ConvCase c) {
        Comparison cmp = Lesson07Backward.col2imAgainstNd4j(c);
        assertTrue(cmp.passed(), cmp.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gradientCheckCases")
    void backpropagationEqualsTheNumericalGradient(ConvCase c) {
        for (Comparison cmp : Lesson07Backward.gradientCheck(c)) {
            assertTrue(cmp.passed(), cmp.describe());
        }
    }

    @Test
    void theSweepIsTheWholeCartesianProduct() {
        assertEquals(3 * 3 * 2 * 3 * 2 * 2 + 3, cases().size());
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson07Backward());
        assertTrue(run.passed(), run.text());
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
