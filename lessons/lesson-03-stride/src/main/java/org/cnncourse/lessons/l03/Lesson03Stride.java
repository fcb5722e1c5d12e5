package org.cnncourse.lessons.l03;

import static org.cnncourse.lessons.support.LectureExamples.FILTER_3X3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Lesson 03: stride (스트라이드), the step of the filter, and the output-size formula
 * OH = (H + 2P - FH)/S + 1. When it is not a whole number, DL4J's ConvolutionMode decides:
 * Strict refuses, Truncate rounds down, Same pads to ceil(H/S). The by-hand code has the same
 * three rules ({@link org.cnncourse.scratch.SizeRule}).
 */
public final class Lesson03Stride implements Lesson {
    static final String[] ROWS = {"1230123", "0123012", "3012301", "2301230", "1230123", "0123012", "3012301"};

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson03Stride());
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String slug() {
        return "stride";
    }

    @Override
    public String title() {
        return "Stride and the output size OH = (H + 2P - FH)/S + 1 (Strict, Truncate, Same)";
    }

    /** The lecture's 7x7 input. */
    public static Tensor input7x7() {
        double[] d = new double[49];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                d[i * 7 + j] = ROWS[i].charAt(j) - '0';
            }
        }
        return Tensor.of(d, 1, 1, 7, 7);
    }

    static Tensor filter() {
        return Tensor.matrix(FILTER_3X3).reshape(1, 1, 3, 3);
    }

    /** 7x7 input, 3x3 filter, stride 2: (7 - 3)/2 + 1 = 3. */
    public static LayerComparison.Result workedExample() {
        return LayerComparison.convolutionWith(ConvCase.input(1, 1, 7, 7).kernel(3).stride(2).build(), input7x7(), filter(), Tensor.zeros(1));
    }

    /** What each rule does with stride 3 on the 7x7 input, where (7 - 3)/3 is not whole. */
    public record ModeRow(ConvolutionMode mode, String byHand, String dl4j) {
    }

    public static List<ModeRow> modesOnStrideThree() {
        List<ModeRow> rows = new ArrayList<>();
        for (ConvolutionMode mode : new ConvolutionMode[] {ConvolutionMode.Strict, ConvolutionMode.Truncate, ConvolutionMode.Same}) {
            ConvCase cc = ConvCase.input(1, 1, 7, 7).kernel(3).stride(3).build().withMode(mode);
            String byHand, dl4j;
            try {
                byHand = Arrays.toString(cc.byHand(filter(), Tensor.zeros(1)).forward(input7x7()).shape());
            } catch (RuntimeException e) {
                byHand = "rejected";
            }
            try {
                dl4j = Arrays.toString(Dl4jLayers.convolution(cc, filter(), Tensor.zeros(1))
                        .output(Tensors.toNd(input7x7())).shape());
            } catch (RuntimeException e) {
                dl4j = "rejected";
            }
            rows.add(new ModeRow(mode, byHand, dl4j));
        }
        return rows;
    }

    /** The lecture's Convolution.forward (L211): {@code out_h = 1 + int((H + 2*pad - FH) / stride)}. */
    public static int lectureOutputSize(int h, int pad, int fh, int stride) {
        return 1 + (int) ((double) (h + 2 * pad - fh) / stride);
    }

    /** One stride on the 7x7 input: the lecture's int(), the by-hand Truncate rule and DL4J's Truncate. */
    public record Rounding(int stride, String exact, int lecture, int byHand, long dl4j) {
    }

    public static List<Rounding> lectureRounding() {
        List<Rounding> rows = new ArrayList<>();
        for (int stride = 1; stride <= 4; stride++) {
            ConvCase cc = ConvCase.input(1, 1, 7, 7).kernel(3).stride(stride).build().withMode(ConvolutionMode.Truncate);
            int byHand = cc.byHand(filter(), Tensor.zeros(1)).forward(input7x7()).dim(2);
            long dl4j = Dl4jLayers.convolution(cc, filter(), Tensor.zeros(1)).output(Tensors.toNd(input7x7())).shape()[2];
            rows.add(new Rounding(stride, "(7 - 3)/%d + 1 = %.2f".formatted(stride, 4.0 / stride + 1),
                    lectureOutputSize(7, 0, 3, stride), byHand, dl4j));
        }
        return rows;
    }

    /** Strides 1-3 under all three size rules (the course sweep's strided cases run in lessons 01-06). */
    public static List<ConvCase> cases() {
        List<ConvCase> cases = new ArrayList<>();
        long seed = 3000;
        int[][] shapes = {{7, 7, 3, 3}, {6, 9, 2, 4}, {10, 7, 5, 2}, {5, 8, 1, 3}};
        for (int[] s : shapes) {
            for (int stride = 1; stride <= 3; stride++) {
                for (int c : new int[] {1, 3}) {
                    cases.add(ConvCase.input(2, c, s[0], s[1]).filters(2).kernel(s[2], s[3]).stride(stride).mode(ConvolutionMode.Same).seed(seed++).build());
                    if (stride > 1) {
                        cases.add(ConvCase.input(2, c, s[0], s[1]).filters(2).kernel(s[2], s[3]).stride(stride).seed(seed++).build());
                    }
                }
            }
        }
        // Strict with sizes that divide exactly: (9 + 2 - 3)/2 + 1 = 5, (11 + 0 - 3)/4 + 1 = 3.
        cases.add(ConvCase.input(2, 3, 9, 9).filters(4).kernel(3).stride(2).pad(1).mode(ConvolutionMode.Strict).seed(seed++).build());
        cases.add(ConvCase.input(1, 2, 11, 7).filters(3).kernel(3).stride(4, 2).mode(ConvolutionMode.Strict).seed(seed).build());
        return cases;
    }

    @Override
    public void run(LessonOutput out) {
        out.section("The lecture's 7x7 example, 3x3 filter, stride 2: OH = (7 + 0 - 3)/2 + 1 = 3");
        LayerComparison.Result r = workedExample();
        out.sideBySide("  output (the lecture's first row begins 15, 17)", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());
        out.check("first row begins 15, 17 by hand and in DL4J",
                r.byHand().output().get(0, 0, 0, 0) == 15 && r.byHand().output().get(0, 0, 0, 1) == 17
                        && r.dl4j().output().get(0, 0, 0, 0) == 15 && r.dl4j().output().get(0, 0, 0, 1) == 17);

        out.section("Stride 3 on 7x7: (7 - 3)/3 + 1 is not a whole number");
        boolean agree = true;
        for (ModeRow row : modesOnStrideThree()) {
            out.text("  %-9s by hand %-14s DL4J %s", row.mode(), row.byHand(), row.dl4j());
            agree &= row.byHand().equals(row.dl4j());
        }
        out.text("  Strict refuses, Truncate drops the last column that no full window reaches (OH = 2),");
        out.text("  Same pads to ceil(7/3) = 3 and puts the odd extra zero at the bottom/right.");
        out.check("by hand and DL4J agree for Strict, Truncate and Same", agree);
        Rejection strict = Rejection.convolution(ConvCase.input(1, 1, 7, 7).kernel(3).stride(3).build().withMode(ConvolutionMode.Strict), input7x7());
        out.text("  the errors under Strict:\n    %s", strict.describe());
        out.check("both reject Strict, and the by-hand message names the formula", strict.bothRejected()
                && strict.byHand().getMessage().contains("OH = (H + 2P - FH)/S + 1"));

        out.section("The lecture's code rounds down: out_h = 1 + int((H + 2*pad - FH) / stride)");
        out.text("  Python's int() drops the fraction, as DL4J's Truncate and the by-hand TRUNCATE rule do:");
        boolean same = true;
        for (Rounding row : lectureRounding()) {
            out.text("  stride %d: %-20s lecture int() %d, by hand %d, DL4J %d", row.stride(), row.exact(),
                    row.lecture(), row.byHand(), row.dl4j());
            same &= row.lecture() == row.byHand() && row.byHand() == row.dl4j();
        }
        out.text("  So the lecture's layers never refuse a size: at stride 3 the last column is never read.");
        out.check("the lecture's int() gives DL4J's Truncate size at every stride", same);

        out.section("Seeded random strided cases (Truncate, Same and Strict): forward and backward");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("strided convolution", reports);
    }
}
