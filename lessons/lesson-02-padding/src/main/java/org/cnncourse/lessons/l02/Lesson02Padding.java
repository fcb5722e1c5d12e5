package org.cnncourse.lessons.l02;

import static org.cnncourse.lessons.support.LectureExamples.IMAGE_4X4;
import static org.cnncourse.lessons.support.LectureExamples.FILTER_3X3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Tensor;

/**
 * Lesson 02: padding (패딩) adds a border of zeros so that the output keeps the input's size
 * and the edge pixels are used as often as the centre ones.
 */
public final class Lesson02Padding implements Lesson {
    /** The lecture's result with padding 1: the 4x4 input gives a 4x4 output. */
    public static final double[][] EXPECTED = {{7, 12, 10, 2}, {4, 15, 16, 10}, {10, 6, 15, 6}, {8, 10, 4, 3}};

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson02Padding());
    }

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String slug() {
        return "padding";
    }

    @Override
    public String title() {
        return "Padding: a border of zeros keeps the output the size of the input";
    }

    static Tensor image(double[][] rows) {
        return Tensor.matrix(rows).reshape(1, 1, rows.length, rows[0].length);
    }

    public static LayerComparison.Result workedExample() {
        return LayerComparison.convolutionWith(ConvCase.input(1, 1, 4, 4).kernel(3).pad(1).build(),
                image(IMAGE_4X4), image(FILTER_3X3), Tensor.zeros(1));
    }

    /** Output side for padding 0, 1, 2 on the 4x4 input with the 3x3 filter: by hand and DL4J. */
    public record SizeRow(int pad, int[] byHand, long[] dl4j) {
    }

    public static List<SizeRow> outputSizes() {
        List<SizeRow> rows = new ArrayList<>();
        for (int pad = 0; pad <= 2; pad++) {
            ConvCase cc = ConvCase.input(1, 1, 4, 4).kernel(3).pad(pad).build();
            int[] byHand = cc.byHand(image(FILTER_3X3), Tensor.zeros(1)).forward(image(IMAGE_4X4)).shape();
            long[] dl4j = Dl4jLayers.convolution(cc, image(FILTER_3X3), Tensor.zeros(1)).output(Tensors.toNd(image(IMAGE_4X4))).shape();
            rows.add(new SizeRow(pad, byHand, dl4j));
        }
        return rows;
    }

    /** Cases with padding 1 or 2 from the course sweep, one and three channels. */
    public static List<ConvCase> cases() {
        return CaseSweeps.convolutionsOf(2);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("The lecture's example with padding 1 (4x4 input, 3x3 filter, stride 1)");
        LayerComparison.Result r = workedExample();
        out.sideBySide("  output: the 4x4 input gives a 4x4 output", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "by hand", r.byHand().output(), 0));
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "DL4J", r.dl4j().output(), 0));

        out.section("Output size against padding: OH = (4 + 2P - 3)/1 + 1");
        boolean sizesOk = true;
        for (SizeRow row : outputSizes()) {
            int expected = 4 + 2 * row.pad() - 3 + 1;
            out.text("  P = %d: formula %dx%d, by hand %s, DL4J %s", row.pad(), expected, expected,
                    Arrays.toString(row.byHand()), Arrays.toString(row.dl4j()));
            sizesOk &= row.byHand()[2] == expected && row.dl4j()[2] == expected;
        }
        out.check("both follow the formula for P = 0, 1, 2", sizesOk);

        out.section("Seeded random padded cases: forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("padded convolution", reports);
    }
}
