package org.cnncourse.lessons.l04;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Lesson04ColorChannelsTest {
    static List<ConvCase> cases() {
        return Lesson04ColorChannels.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void byHandEqualsDl4jForwardAndBackward(ConvCase c) {
        LayerComparison.convolution(c).report().assertPassed();
    }

    @Test
    void sweepIsThreeChannelsOnly() {
        assertEquals(36, cases().size());
        assertTrue(cases().stream().allMatch(c -> c.c() == 3));
    }

    @Test
    void rgbOutputIsOneMapAndEqualsTheSumOfChannels() {
        LayerComparison.Result r = Lesson04ColorChannels.rgbExample();
        assertArrayEquals(new int[] {1, 1, 3, 3}, r.byHand().output().shape());
        r.report().assertPassed();
        Comparison perChannel = Comparison.between("output", "per channel", Lesson04ColorChannels.channelByChannel(),
                "DL4J", r.dl4j().output(), Dl4jPrecision.DOUBLE_TOLERANCE);
        assertTrue(perChannel.passed(), perChannel.describe());
    }

    @Test
    void channelMismatchIsRejectedByBothAndNamed() {
        Rejection r = Lesson04ColorChannels.greyImageIntoRgbFilter();
        assertTrue(r.bothRejected(), r.describe());
        String m = r.byHand().getMessage();
        assertTrue(m.contains("the input has C = 1 channels") && m.contains("expect C = 3"), m);
    }

    @Test
    void theLessonRunsAndEveryComparisonPasses() {
        LessonOutput.Captured run = LessonOutput.capture(new Lesson04ColorChannels());
        assertTrue(run.passed(), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
