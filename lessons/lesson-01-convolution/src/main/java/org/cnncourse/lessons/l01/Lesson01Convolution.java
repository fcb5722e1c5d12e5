package org.cnncourse.lessons.l01;

import static org.cnncourse.lessons.support.LectureExamples.IMAGE_4X4;
import static org.cnncourse.lessons.support.LectureExamples.FILTER_3X3;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;

/**
 * Lesson 01: one filter slides over one single-channel image (합성곱 연산). A fully connected
 * layer flattens the image and loses its shape; a convolution keeps it.
 */
public final class Lesson01Convolution implements Lesson {
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
        return LayerComparison.convolutionWith(ConvCase.input(1, 1, 4, 4).kernel(3).build(),
                image(IMAGE_4X4), image(FILTER_3X3), Tensor.zeros(1));
    }

    /** The lecture's example of flattening (L42-47): a 32x32 RGB image. */
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    static final long FLATTEN_SEED = 1;
    static final int DENSE_OUTPUTS = 10;

    /**
     * A fully connected layer and a convolution on the same (1, 3, 32, 32) image: the dense
     * layer sees a 3072-long vector (its shape, 형상, is gone), the convolution keeps (C, H, W).
     */
    public record Flattening(Tensor image, Tensor flatByHand, Tensor flatDl4j, long denseInputsDl4j,
            Tensor affineByHand, Tensor denseDl4j, int[] convByHand, long[] convDl4j) {
    }

    public static Flattening flatteningVersusConvolution() {
        Tensor x = Tensor.uniform(new java.util.Random(FLATTEN_SEED), 1, CHANNELS, SIDE, SIDE);
        // By hand: the book's Affine does x.reshape(N, -1); the same row-major (C, H, W) order.
        Tensor flatByHand = x.reshape(1, CHANNELS * SIDE * SIDE);
        // DL4J: a DenseLayer after a convolutional input gets a CnnToFeedForwardPreProcessor.
        Dl4jPrecision.useDouble();
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nOut(DENSE_OUTPUTS).activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS))
                .build());
        dense.init();
        INDArray flatDl4j = dense.getLayerWiseConfigurations().getInputPreProcess(0)
                .preProcess(Tensors.toNd(x), 1, LayerWorkspaceMgr.noWorkspaces());
        long denseInputs = ((DenseLayer) dense.getLayerWiseConfigurations().getConf(0).getLayer()).getNIn();
        // The same weights on both sides: equal outputs mean both flatten in the same order.
        Tensor weights = Tensor.randn(new java.util.Random(FLATTEN_SEED), 0.01, CHANNELS * SIDE * SIDE, DENSE_OUTPUTS);
        dense.getLayer(0).setParam("W", Tensors.toNd(weights));
        dense.getLayer(0).setParam("b", Tensors.toNd(Tensor.zeros(1, DENSE_OUTPUTS)));
        Tensor affine = new Affine(weights, Tensor.zeros(DENSE_OUTPUTS)).forward(x);
        Tensor denseOut = Tensors.fromNd(dense.output(Tensors.toNd(x)));
        ConvCase rgb = ConvCase.input(1, CHANNELS, SIDE, SIDE).kernel(5).seed(FLATTEN_SEED).build();
        ConvCase.Data d = rgb.data();
        int[] conv = new Convolution(d.weights(), d.bias(), 1, 0).forward(x).shape();
        long[] convShape = Dl4jLayers.convolution(rgb, d.weights(), d.bias()).output(Tensors.toNd(x)).shape();
        return new Flattening(x, flatByHand, Tensors.fromNd(flatDl4j), denseInputs, affine, denseOut, conv, convShape);
    }

    /** One product of a filter weight and the pixel under it, for printing a cell's sum. */
    public record Term(double pixel, double weight) {
    }

    /** The terms of output cell (row, col): the filter laid on the window that starts there. */
    public static List<Term> oneCellByHand(double[][] input, double[][] filter, int row, int col) {
        List<Term> terms = new java.util.ArrayList<>();
        for (int i = 0; i < filter.length; i++) {
            for (int j = 0; j < filter[0].length; j++) {
                terms.add(new Term(input[row + i][col + j], filter[i][j]));
            }
        }
        return terms;
    }

    public static double sum(List<Term> terms) {
        return terms.stream().mapToDouble(t -> t.pixel() * t.weight()).sum();
    }

    /** "1*2 + 2*0 + ..." */
    public static String written(List<Term> terms) {
        return String.join(" + ", terms.stream().map(t -> "%.0f*%.0f".formatted(t.pixel(), t.weight())).toList());
    }

    /** Single-channel, single-filter cases of the course sweep. */
    public static List<ConvCase> cases() {
        return CaseSweeps.convolutionsOf(1);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("Fully connected (완전연결) vs convolution (합성곱): the lecture's 32x32x3 image");
        Flattening f = flatteningVersusConvolution();
        out.text("  A fully connected layer needs a vector: 32 x 32 x 3 = %d numbers, by hand %s, DL4J %s;",
                f.flatByHand().size(), java.util.Arrays.toString(f.flatByHand().shape()),
                java.util.Arrays.toString(f.flatDl4j().shape()));
        out.text("  DL4J's DenseLayer infers nIn = %d from the input type. A pixel and the one", f.denseInputsDl4j());
        out.text("  below it are now 32 entries apart: the input's shape (형상) is ignored.");
        out.compare(Comparison.between("flattened image", "by hand", f.flatByHand(), "DL4J", f.flatDl4j(), 0));
        out.compare(Comparison.between("fully connected output", "Affine", f.affineByHand(), "DenseLayer", f.denseDl4j(),
                Dl4jPrecision.DOUBLE_TOLERANCE));
        out.text("  A convolution keeps (N, C, OH, OW): a 5x5 filter gives by hand %s, DL4J %s.",
                java.util.Arrays.toString(f.convByHand()), java.util.Arrays.toString(f.convDl4j()));
        out.check("3072 inputs on both sides, and both keep the image's shape through the convolution",
                f.flatByHand().size() == 3072 && f.denseInputsDl4j() == 3072
                        && java.util.Arrays.equals(f.convByHand(), new int[] {1, 1, 28, 28})
                        && java.util.Arrays.equals(f.convDl4j(), new long[] {1, 1, 28, 28}));

        out.section("The lecture's example: 4x4 input, 3x3 filter, no padding, stride 1");
        out.text("  Each output cell is the sum of the element-wise product of the filter and the window under it");
        out.text("  (a fused multiply-add, 단일 곱셈-누산). The filter (필터, 커널) is the same at every position.");
        List<Term> first = oneCellByHand(IMAGE_4X4, FILTER_3X3, 0, 0);
        out.text("  The first cell by hand: %s = %.0f", written(first), sum(first));
        LayerComparison.Result r = workedExample();
        out.check("the cell worked by hand is the first output of both implementations",
                sum(first) == r.byHand().output().get(0, 0, 0, 0) && sum(first) == r.dl4j().output().get(0, 0, 0, 0));
        out.sideBySide("  output feature map (특성 맵)", r.byHand().output(), r.dl4j().output());
        out.compare(r.report());
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "by hand", r.byHand().output(), 0));
        out.compare(Comparison.between("output", "lecture", image(EXPECTED), "DL4J", r.dl4j().output(), 0));

        out.section("Seeded random single-channel cases: forward and backward, by hand vs DL4J");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.convolution(c).report()).toList();
        out.sweep("single-channel convolution", reports);
    }
}
