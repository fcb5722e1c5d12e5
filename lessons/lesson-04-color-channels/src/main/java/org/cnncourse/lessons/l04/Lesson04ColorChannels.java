package org.cnncourse.lessons.l04;

import java.util.List;
import java.util.Random;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Tensor;

/**
 * Lesson 04: a colour image has three channels (R, G, B). A filter has as many channels as
 * the input; each channel of the filter slides over its channel of the image and the results
 * are added into one output map (3차원 합성곱).
 */
public final class Lesson04ColorChannels implements Lesson {
    static final long SEED = 4;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson04ColorChannels());
    }

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String slug() {
        return "color-channels";
    }

    @Override
    public String title() {
        return "Colour images: a C-channel filter over a C-channel input gives one map";
    }

    /**
     * The lecture's colour example (L121-135), channel by channel. The front channel and
     * filter are the 4x4 example of lesson 01; of the two behind them the figure shows only
     * the top row and the right-hand column. Those visible numbers are kept; the hidden cells
     * (marked below) are filled so that the outputs come out as the lecture's 63, 55, 18, 51.
     */
    public static final double[][][] LECTURE_INPUT = {
        {{1, 2, 3, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 3, 0, 1}},
        // visible: top row 3 0 6 5, right column 3 0 1 (below the top row)
        {{3, 0, 6, 5}, {4, 0, 0, 3}, {1, 2, 1, 0}, {0, 0, 4, 1}},
        // visible: top row 4 2 1 2, right column 4 2 5
        {{4, 2, 1, 2}, {0, 1, 1, 4}, {1, 6, 0, 2}, {1, 4, 0, 5}},
    };
    public static final double[][][] LECTURE_FILTER = {
        {{2, 0, 1}, {0, 1, 2}, {1, 0, 2}},
        // visible: top row 0 1 3, right column 2 0
        {{0, 1, 3}, {3, 3, 2}, {1, 0, 0}},
        // visible: top row 4 0 2, right column 0 2; the hidden bottom-left weight is -1
        {{4, 0, 2}, {0, 0, 0}, {-1, 0, 2}},
    };
    /** Which cells of a 4x4 channel behind the front one the figure shows. */
    public static boolean visibleInLecture(int row, int col, int side) {
        return row == 0 || col == side - 1;
    }
    public static final double[][] LECTURE_OUTPUT = {{63, 55}, {18, 51}};

    public static Tensor block(double[][][] channels) {
        int c = channels.length, h = channels[0].length, w = channels[0][0].length;
        double[] d = new double[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(channels[ch][i], 0, d, (ch * h + i) * w, w);
            }
        }
        return Tensor.of(d, 1, c, h, w);
    }

    /** The lecture's 3-channel 4x4 input and 3x3x3 filter, no bias, through both implementations. */
    public static LayerComparison.Result lectureExample() {
        return LayerComparison.convolutionWith(ConvCase.input(1, 3, 4, 4).kernel(3).build(),
                block(LECTURE_INPUT), block(LECTURE_FILTER), Tensor.zeros(1));
    }

    /** Each channel's own 2x2 contribution to the lecture's output: conv(x_c, W_c). */
    public static List<Tensor> lectureChannelContributions() {
        Tensor x = block(LECTURE_INPUT), w = block(LECTURE_FILTER);
        return java.util.stream.IntStream.range(0, 3)
                .mapToObj(c -> new Convolution(slice(w, c), Tensor.zeros(1), 1, 0).forward(slice(x, c))).toList();
    }

    /** What the visible numbers alone add to output cell (row, col): hidden cells counted as 0. */
    public static double visibleOnlyOutput(int row, int col) {
        double total = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    int xr = row + i, xc = col + j;
                    boolean pixelShown = c == 0 || visibleInLecture(xr, xc, 4);
                    boolean weightShown = c == 0 || visibleInLecture(i, j, 3);
                    if (pixelShown && weightShown) {
                        total += LECTURE_INPUT[c][xr][xc] * LECTURE_FILTER[c][i][j];
                    }
                }
            }
        }
        return total;
    }

    /** An RGB 5x5 image and one 3x3x3 filter with a bias, through both implementations. */
    public static LayerComparison.Result rgbExample() {
        return LayerComparison.convolution(ConvCase.input(1, 3, 5, 5).kernel(3).seed(SEED).build());
    }

    /**
     * The same output computed channel by channel: one single-channel convolution per colour,
     * added up, plus the bias once.
     */
    public static Tensor channelByChannel() {
        ConvCase.Data d = ConvCase.input(1, 3, 5, 5).kernel(3).seed(SEED).build().data();
        Tensor sum = null;
        for (int c = 0; c < 3; c++) {
            Tensor xc = slice(d.x(), c);
            Tensor wc = slice(d.weights(), c);
            Tensor yc = new Convolution(wc, Tensor.zeros(1), 1, 0).forward(xc);
            if (sum == null) {
                sum = yc;
            } else {
                for (int i = 0; i < sum.size(); i++) {
                    sum.data()[i] += yc.data()[i];
                }
            }
        }
        for (int i = 0; i < sum.size(); i++) {
            sum.data()[i] += d.bias().data()[0];
        }
        return sum;
    }

    /** "[3 0 6 5 / 4 0 0 3 ...]" with hidden cells in brackets. */
    static String rowsWithHidden(double[][] rows, boolean behind) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows.length; i++) {
            b.append(i == 0 ? "" : " / ");
            for (int j = 0; j < rows[i].length; j++) {
                boolean hidden = behind && !visibleInLecture(i, j, rows.length);
                b.append(j == 0 ? "" : " ").append(hidden ? "(%.0f)".formatted(rows[i][j]) : "%.0f".formatted(rows[i][j]));
            }
        }
        return b.toString();
    }

    static String flat(Tensor t) {
        return java.util.Arrays.toString(java.util.Arrays.stream(t.data()).mapToLong(Math::round).toArray());
    }

    /** Channel c of a (1, C, H, W) tensor as (1, 1, H, W). */
    static Tensor slice(Tensor t, int c) {
        int h = t.dim(2), w = t.dim(3);
        double[] d = new double[h * w];
        System.arraycopy(t.data(), c * h * w, d, 0, h * w);
        return Tensor.of(d, 1, 1, h, w);
    }

    /** A grey (one-channel) image fed to a layer whose filters expect RGB. */
    public static Rejection greyImageIntoRgbFilter() {
        return Rejection.convolution(ConvCase.input(1, 3, 5, 5).filters(2).kernel(3).build(), Tensor.uniform(new Random(1), 1, 1, 5, 5));
    }

    public static List<ConvCase> cases() {
        return CaseSweeps.convolutionsOf(4);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("The lecture's colour example: 3 channels of 4x4, one 3x3x3 filter -> 63, 55, 18, 51");
        out.text("  Front: lesson 01's 4x4 image and filter. Behind it, the lecture's figure shows only each channel's");
        out.text("  top row and right-hand column; the hidden cells (in brackets below) are the course's fill.");
        for (int c = 0; c < 3; c++) {
            out.text("  channel %d   x: %s   W: %s", c, rowsWithHidden(LECTURE_INPUT[c], c > 0),
                    rowsWithHidden(LECTURE_FILTER[c], c > 0));
        }
        LayerComparison.Result lecture = lectureExample();
        out.sideBySide("  output (1, 1, 2, 2): the three channels summed", lecture.byHand().output(), lecture.dl4j().output());
        out.compare(lecture.report());
        out.compare(Comparison.between("output", "lecture", block(new double[][][] {LECTURE_OUTPUT}), "by hand",
                lecture.byHand().output(), 0));
        out.compare(Comparison.between("output", "lecture", block(new double[][][] {LECTURE_OUTPUT}), "DL4J",
                lecture.dl4j().output(), 0));
        List<Tensor> parts = lectureChannelContributions();
        out.text("  per channel: %s + %s + %s", flat(parts.get(0)), flat(parts.get(1)), flat(parts.get(2)));
        out.text("  The visible numbers alone already give %.0f at the second cell, more than the lecture's 55:",
                visibleOnlyOutput(0, 1));
        out.text("  with pixels >= 0, some hidden weight must be negative. The fill uses one: -1.");

        out.section("An RGB 5x5 image, one 3x3 filter with 3 channels and a bias");
        LayerComparison.Result r = rgbExample();
        out.sideBySide("  output: one map (1, 1, 3, 3) from three channels", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());

        out.section("The same map, channel by channel: conv(R, W_R) + conv(G, W_G) + conv(B, W_B) + b");
        out.compare(Comparison.between("output", "per channel", channelByChannel(), "DL4J", r.dl4j().output(),
                Dl4jPrecision.DOUBLE_TOLERANCE));

        out.section("Input and filter must have the same number of channels");
        Rejection bad = greyImageIntoRgbFilter();
        out.text("  a grey 1x5x5 image into 3-channel filters:\n    %s", bad.describe());
        out.check("both reject it", bad.bothRejected());

        out.section("Seeded random three-channel cases: forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("three-channel convolution", reports);
    }
}
