package org.cnncourse.lessons.l01;

import java.util.List;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.ConvCase;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Affine;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Lesson 01: one filter slides over one single-channel image (합성곱 연산). A fully connected
 * layer flattens the image and loses its shape; a convolution keeps it.
 */
public final class Lesson01Convolution implements Lesson {
    /** The lecture's 4x4 input and 3x3 filter. */
    public static final double[][] INPUT = {{1, 2, 3, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 3, 0, 1}};
    public static final double[][] FILTER = {{2, 0, 1}, {0, 1, 2}, {1, 0, 2}};
    /** Without padding, stride 1: (4 - 3)/1 + 1 = 2 per side. */
    public static final double[][] EXPECTED = {{15, 16}, {6, 15}};

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson01Convolution());
    }

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String slug() {
        return "convolution";
    }

    @Override
    public String title() {
        return "Convolution on one channel: the filter slides, the image keeps its shape";
    }

    public static Tensor image(double[][] rows) {
        return Tensor.matrix(rows).reshape(1, 1, rows.length, rows[0].length);
    }

    /** The lecture's example through both implementations. */
    public static LayerComparison.Result workedExample() {
        return LayerComparison.convolutionWith(ConvCase.of(1, 1, 4, 4, 1, 3, 1, 0, 0),
                image(INPUT), image(FILTER), Tensor.zeros(1));
    }

    /** The output shapes of a fully connected layer and a convolution on the same 1x1x4x4 image. */
    public record Shapes(int[] affineByHand, long[] denseDl4j, int[] convByHand, long[] convDl4j) {
    }

    public static Shapes fullyConnectedVersusConvolution() {
        Tensor x = image(INPUT);
        // Affine: 16 inputs to 4 outputs, the image flattened first.
        int[] affine = new Affine(Tensor.zeros(16, 4), Tensor.zeros(4)).forward(x).shape();
        int[] conv = new Convolution(image(FILTER), Tensor.zeros(1), 1, 0).forward(x).shape();
        Dl4jPrecision.useDouble();
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(4).activation(Activation.IDENTITY).build())
                .build());
        dense.init();
        long[] denseShape = dense.output(Tensors.toNd(x).reshape(1, 16)).shape();
        long[] convShape = Dl4jLayers.convolution(ConvCase.of(1, 1, 4, 4, 1, 3, 1, 0, 0), image(FILTER), Tensor.zeros(1))
                .output(Tensors.toNd(x)).shape();
        return new Shapes(affine, denseShape, conv, convShape);
    }

    /** Single-channel, single-filter cases of the course sweep. */
    public static List<ConvCase> cases() {
        return CaseSweeps.convolutions().stream().filter(c -> c.c() == 1 && c.filters() == 1).toList();
    }

    @Override
    public void run(LessonOutput out) {
        out.section("Fully connected (완전연결) vs convolution (합성곱) on a 4x4 image");
        Shapes s = fullyConnectedVersusConvolution();
        out.text("  Affine/DenseLayer flattens it: by hand %s, DL4J %s - the 2-D layout is gone.",
                java.util.Arrays.toString(s.affineByHand()), java.util.Arrays.toString(s.denseDl4j()));
        out.text("  Convolution keeps it (N, C, OH, OW): by hand %s, DL4J %s.",
                java.util.Arrays.toString(s.convByHand()), java.util.Arrays.toString(s.convDl4j()));
        out.check("both keep the image's shape through the convolution",
                java.util.Arrays.equals(s.convByHand(), new int[] {1, 1, 2, 2})
                        && java.util.Arrays.equals(s.convDl4j(), new long[] {1, 1, 2, 2}));

        out.section("The lecture's example: 4x4 input, 3x3 filter, no padding, stride 1");
        out.text("  Each output cell is the sum of the element-wise product of the filter and the window under it");
        out.text("  (a fused multiply-add, 단일 곱셈-누산). The filter (필터, 커널) is the same at every position.");
        LayerComparison.Result r = workedExample();
        out.sideBySide("  output feature map (특징 맵)", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "by hand", r.byHand().output(), 0));
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "DL4J", r.dl4j().output(), 0));

        out.section("Seeded random single-channel cases: forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("single-channel convolution", reports);
    }
}
