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


    /** The figure as the lecture's text has it (L121-135): rows of three stacked channels, interleaved. */
    static final String[] LECTURE_INPUT_TEXT = {"4 2 1 2", "3 0 6 5 4", "1 2 3 0 3 2", "0 1 2 3 0 5", "3 0 1 2 1 1", "2 3 0 1"};
    static final String[] LECTURE_FILTER_TEXT = {"4 0 2", "0 1 3 0", "2 0 1 2 2", "0 1 2 0", "1 0 2"};

    /**
     * Reads the flattened figure: channel c is drawn c rows up and c columns right of the front
     * one, so text row t holds the front channel's row t-2, then what shows of the middle
     * channel's row t-1 (all of its top row, else its last cell), then the same of the back
     * channel's row t. Returns the numbers left over at the end of each text row.
     */
    static List<String> assertVisibleCellsMatch(String[] text, double[][][] channels) {
        int side = channels[0].length;
        List<String> leftOver = new java.util.ArrayList<>();
        for (int t = 0; t < text.length; t++) {
            java.util.ArrayDeque<Double> tokens = java.util.Arrays.stream(text[t].trim().split("\\s+"))
                    .map(Double::valueOf).collect(java.util.stream.Collectors.toCollection(java.util.ArrayDeque::new));
            for (int c = 0; c < 3; c++) {
                int row = t - (2 - c);
                if (row < 0 || row >= side) {
                    continue;
                }
                int from = (c > 0 && row > 0) ? side - 1 : 0;
                for (int col = from; col < side; col++) {
                    assertEquals(tokens.removeFirst(), channels[c][row][col], 0.0,
                            "text row " + t + " channel " + c + " cell (" + row + ", " + col + ")");
                }
            }
            if (!tokens.isEmpty()) {
                leftOver.add("row " + t + ": " + tokens);
            }
        }
        return leftOver;
    }

    @Test
    void everyNumberTheLecturesFigureShowsIsKept() {
        // The front channel and filter are lesson 01's 4x4 example.
        assertArrayEquals(new double[] {1, 2, 3, 0}, Lesson04ColorChannels.LECTURE_INPUT[0][0], 0.0);
        assertArrayEquals(new double[] {1, 0, 2}, Lesson04ColorChannels.LECTURE_FILTER[0][2], 0.0);
        assertEquals(List.of(), assertVisibleCellsMatch(LECTURE_FILTER_TEXT, Lesson04ColorChannels.LECTURE_FILTER));
        // The input's flattened text has one number more than three 4x4 channels can show.
        assertEquals(List.of("row 4: [1.0]"), assertVisibleCellsMatch(LECTURE_INPUT_TEXT, Lesson04ColorChannels.LECTURE_INPUT));
    }

    @Test
    void theLecturesColourExampleGives63_55_18_51InBoth() {
        LayerComparison.Result r = Lesson04ColorChannels.lectureExample();
        double[] lecture = {63, 55, 18, 51};
        assertArrayEquals(lecture, r.byHand().output().data(), 0.0);
        assertArrayEquals(lecture, r.dl4j().output().data(), 1e-12);
        r.report().assertPassed();
        // The front channel alone is lesson 01's map; the three contributions add up to the output.
        List<org.cnncourse.scratch.Tensor> parts = Lesson04ColorChannels.lectureChannelContributions();
        assertArrayEquals(new double[] {15, 16, 6, 15}, parts.get(0).data(), 0.0);
        for (int i = 0; i < 4; i++) {
            assertEquals(lecture[i], parts.get(0).data()[i] + parts.get(1).data()[i] + parts.get(2).data()[i], 0.0);
        }
    }

    @Test
    void theVisibleNumbersAloneOvershootTheSecondCellSoAHiddenWeightIsNegative() {
        assertEquals(59, Lesson04ColorChannels.visibleOnlyOutput(0, 1), 0.0);
        assertTrue(Lesson04ColorChannels.visibleOnlyOutput(0, 1) > Lesson04ColorChannels.LECTURE_OUTPUT[0][1]);
        long negativeWeights = java.util.Arrays.stream(Lesson04ColorChannels.LECTURE_FILTER)
                .flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream).filter(v -> v < 0).count();
        assertEquals(1, negativeWeights);
    }

    @Test
    void sweepIsThreeChannelsOnly() {
        assertEquals(18, cases().size());
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
        // The README quotes this run: a number edited there, or changed here, fails.
        org.cnncourse.lessons.support.ReadmeBlocks.assertCurrent(java.nio.file.Path.of("README.md"), run.text());
        assertTrue(run.text().contains("PASS"), run.text());
    }
}
