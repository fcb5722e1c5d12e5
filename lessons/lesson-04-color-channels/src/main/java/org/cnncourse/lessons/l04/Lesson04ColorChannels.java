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

    /** An RGB 5x5 image and one 3x3x3 filter with a bias, through both implementations. */
    public static LayerComparison.Result rgbExample() {
        return LayerComparison.convolution(ConvCase.of(1, 3, 5, 5, 1, 3, 1, 0, SEED));
    }

    /**
     * The same output computed channel by channel: one single-channel convolution per colour,
     * added up, plus the bias once.
     */
    public static Tensor channelByChannel() {
        ConvCase.Data d = ConvCase.of(1, 3, 5, 5, 1, 3, 1, 0, SEED).data();
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

    /** Channel c of a (1, C, H, W) tensor as (1, 1, H, W). */
    static Tensor slice(Tensor t, int c) {
        int h = t.dim(2), w = t.dim(3);
        double[] d = new double[h * w];
        System.arraycopy(t.data(), c * h * w, d, 0, h * w);
        return Tensor.of(d, 1, 1, h, w);
    }

    /** A grey (one-channel) image fed to a layer whose filters expect RGB. */
    public static Rejection greyImageIntoRgbFilter() {
        return Rejection.convolution(ConvCase.of(1, 3, 5, 5, 2, 3, 1, 0, 0), Tensor.uniform(new Random(1), 1, 1, 5, 5));
    }

    public static List<ConvCase> cases() {
        return CaseSweeps.convolutions().stream().filter(c -> c.c() == 3 && c.filters() == 1).toList();
    }

    @Override
    public void run(LessonOutput out) {
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
