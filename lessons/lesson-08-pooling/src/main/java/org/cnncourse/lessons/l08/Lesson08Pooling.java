package org.cnncourse.lessons.l08;

import java.util.Arrays;
import java.util.List;
import org.cnncourse.lessons.support.CaseSweeps;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.LayerComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.PoolCase;
import org.cnncourse.lessons.support.Rejection;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.SimpleConvNet;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Lesson 08: pooling (풀링) shrinks each channel on its own, taking the max or the average of
 * each window. It has no parameters, keeps the number of channels, and a max-pooled map
 * barely moves when the image shifts by a pixel.
 */
public final class Lesson08Pooling implements Lesson {
    public static final double[][] INPUT = {{1, 2, 1, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 4, 0, 1}};
    /** 2x2 max pooling, stride 2. */
    public static final double[][] EXPECTED_MAX = {{2, 3}, {4, 2}};

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson08Pooling());
    }

    @Override
    public int number() {
        return 8;
    }

    @Override
    public String slug() {
        return "pooling";
    }

    @Override
    public String title() {
        return "Pooling: max and average, channel by channel, no parameters";
    }

    static Tensor image(double[][] rows) {
        return Tensor.matrix(rows).reshape(1, 1, rows.length, rows[0].length);
    }

    public static LayerComparison.Result workedExample(Pooling.Type type) {
        Tensor x = image(INPUT);
        Tensor ones = Tensor.of(new double[] {1, 1, 1, 1}, 1, 1, 2, 2);
        return LayerComparison.pooling(PoolCase.input(1, 1, 4, 4).window(type, 2).stride(2).build(), x, ones);
    }

    /**
     * A 16x16 picture of thick strokes (a ring and a bar, 2 pixels wide), like a digit or a
     * garment outline.
     */
    public static Tensor strokes() {
        double[] d = new double[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                double r = Math.hypot(y - 7.5, x - 7.5);
                boolean ring = r >= 4.5 && r <= 6.5;
                boolean bar = x >= 7 && x <= 8 && y >= 2 && y <= 13;
                d[y * 16 + x] = ring || bar ? 1.0 : 0.0;
            }
        }
        return Tensor.of(d, 1, 1, 16, 16);
    }

    /** The picture moved one pixel to the right (a zero column enters on the left). */
    public static Tensor shiftRight(Tensor x) {
        int h = x.dim(2), w = x.dim(3);
        double[] d = new double[x.size()];
        for (int y = 0; y < h; y++) {
            System.arraycopy(x.data(), y * w, d, y * w + 1, w - 1);
        }
        return Tensor.of(d, x.shape());
    }

    /** How much a one-pixel shift changes the pixels and the pooled maps (by hand and DL4J). */
    public record ShiftEffect(double pixelsChanged, double byHandMaxChanged, double dl4jMaxChanged,
                              double byHandAvgChanged) {
    }

    /** Fraction of cells whose value changed. */
    static double changed(Tensor a, Tensor b) {
        int n = 0;
        for (int i = 0; i < a.size(); i++) {
            if (Math.abs(a.data()[i] - b.data()[i]) > 1e-12) {
                n++;
            }
        }
        return (double) n / a.size();
    }

    public static ShiftEffect shiftEffect() {
        Tensor x = strokes(), moved = shiftRight(x);
        PoolCase max = PoolCase.input(1, 1, 16, 16).window(Pooling.Type.MAX, 3).stride(2).pad(1).build();
        PoolCase avg = PoolCase.input(1, 1, 16, 16).window(Pooling.Type.AVG, 3).stride(2).pad(1).build();
        Tensor maxA = max.byHand().forward(x), maxB = max.byHand().forward(moved);
        Tensor dl4jA = Tensors.fromNd(Dl4jLayers.pooling(max).output(Tensors.toNd(x)));
        Tensor dl4jB = Tensors.fromNd(Dl4jLayers.pooling(max).output(Tensors.toNd(moved)));
        Tensor avgA = avg.byHand().forward(x), avgB = avg.byHand().forward(moved);
        return new ShiftEffect(changed(x, moved), changed(maxA, maxB), changed(dl4jA, dl4jB), changed(avgA, avgB));
    }

    /**
     * Why pool (L249-252), in the lecture's SimpleConvNet: what enters the first affine layer,
     * and how many weights and multiply-adds that layer has, with the 2x2 pool and without it.
     */
    public record WhyPool(int valuesPooledByHand, int valuesUnpooledByHand, long valuesPooledDl4j,
            long valuesUnpooledDl4j, int w2RowsOfSimpleConvNet, long affine1ParamsPooled, long affine1ParamsUnpooled,
            long totalParamsPooled, long totalParamsUnpooled) {
        public long multiplyAddsPooled() {
            return (long) valuesPooledByHand * HIDDEN;
        }

        public long multiplyAddsUnpooled() {
            return (long) valuesUnpooledByHand * HIDDEN;
        }
    }

    static final int HIDDEN = 100;
    static final int AFFINE1 = 2;

    public static WhyPool whyPool() {
        SimpleConvNet.Config lecture = SimpleConvNet.Config.lecture();
        Tensor image = Tensor.zeros(1, lecture.channels(), lecture.height(), lecture.width());
        Tensor convolved = new Relu().forward(new Convolution(
                Tensor.zeros(lecture.filters(), lecture.channels(), lecture.filterSize(), lecture.filterSize()),
                Tensor.zeros(lecture.filters()), lecture.stride(), lecture.pad()).forward(image));
        Tensor pooled = PoolCase.input(1, lecture.filters(), convolved.dim(2), convolved.dim(3)).window(Pooling.Type.MAX, 2).stride(2).build()
                .byHand().forward(convolved);
        int w2Rows = new SimpleConvNet(lecture, 0).params().get("W2").dim(0);
        MultiLayerNetwork withPool = dl4jSimpleConvNet(lecture, true), withoutPool = dl4jSimpleConvNet(lecture, false);
        return new WhyPool(pooled.size(), convolved.size(),
                denseInputs(withPool, AFFINE1 + 1), denseInputs(withoutPool, AFFINE1),
                w2Rows, withPool.getLayer(AFFINE1 + 1).numParams(), withoutPool.getLayer(AFFINE1).numParams(),
                withPool.numParams(), withoutPool.numParams());
    }

    static long denseInputs(MultiLayerNetwork net, int layer) {
        return ((DenseLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer()).getNIn();
    }

    /** conv1 - relu1 - [pool1] - affine1 - relu2 - affine2, as DL4J builds it from the input type. */
    static MultiLayerNetwork dl4jSimpleConvNet(SimpleConvNet.Config c, boolean pool) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(c.filterSize(), c.filterSize()).nOut(c.filters())
                        .activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
        if (pool) {
            list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list
                .layer(new DenseLayer.Builder().nOut(c.hidden()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(c.classes())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(c.height(), c.width(), c.channels())).build());
        net.init();
        return net;
    }

    public static List<PoolCase> cases() {
        return CaseSweeps.poolings();
    }

    @Override
    public void run(LessonOutput out) {
        out.section("The lecture's example: 2x2 max pooling, stride 2");
        LayerComparison.Result max = workedExample(Pooling.Type.MAX);
        out.sideBySide("  max of each 2x2 window", max.byHand().output(), max.dl4j().output());
        out.compare(max.report());
        out.compare(Comparison.between("output", "lecture", image(EXPECTED_MAX), "by hand", max.byHand().output(), 0));
        out.compare(Comparison.between("output", "lecture", image(EXPECTED_MAX), "DL4J", max.dl4j().output(), 0));
        out.sideBySide("  backward with dout = 1: only each window's maximum receives the gradient",
                max.byHand().inputGradient(), max.dl4j().inputGradient());
        LayerComparison.Result avg = workedExample(Pooling.Type.AVG);
        out.sideBySide("  average pooling of the same input", avg.byHand().output(), avg.dl4j().output());
        out.compare(avg.report());

        out.section("Channels are kept and there is nothing to learn");
        PoolCase many = PoolCase.input(5, 7, 8, 4).window(Pooling.Type.MAX, 2).stride(2).seed(8).build();
        LayerComparison.Result r = LayerComparison.pooling(many);
        out.text("  (5, 7, 8, 4) -> by hand %s, DL4J %s", Arrays.toString(r.byHand().output().shape()),
                Arrays.toString(r.dl4j().output().shape()));
        out.check("7 channels in, 7 channels out, on both sides",
                r.byHand().output().dim(1) == 7 && r.dl4j().output().dim(1) == 7);
        long params = Dl4jLayers.pooling(many).numParams();
        out.check("DL4J's SubsamplingLayer has " + params + " parameters", params == 0);

        out.section("Why pool: the lecture's SimpleConvNet with and without its 2x2 pool");
        WhyPool why = whyPool();
        out.text("  %-36s %9s %9s", "", "with pool", "without");
        out.text("  %-36s %,9d %,9d", "values into affine1, by hand", why.valuesPooledByHand(), why.valuesUnpooledByHand());
        out.text("  %-36s %,9d %,9d", "values into affine1, DL4J (nIn)", why.valuesPooledDl4j(), why.valuesUnpooledDl4j());
        out.text("  %-36s %,9d %,9d", "affine1 parameters (W2 and b2)", why.affine1ParamsPooled(), why.affine1ParamsUnpooled());
        out.text("  %-36s %,9d %,9d", "affine1 multiply-adds per image", why.multiplyAddsPooled(), why.multiplyAddsUnpooled());
        out.text("  %-36s %,9d %,9d", "network parameters in all (DL4J)", why.totalParamsPooled(), why.totalParamsUnpooled());
        out.text("  The pool keeps one value in four: %.1fx less to store and multiply after it, %.1fx fewer parameters",
                (double) why.valuesUnpooledByHand() / why.valuesPooledByHand(),
                (double) why.totalParamsUnpooled() / why.totalParamsPooled());
        out.text("  in all. Fewer parameters to fit is the lecture's third reason, less overfitting (과적합).");
        out.check("by hand and DL4J agree on what enters affine1, and the book's W2 has that many rows",
                why.valuesPooledByHand() == why.valuesPooledDl4j() && why.valuesUnpooledByHand() == why.valuesUnpooledDl4j()
                        && why.w2RowsOfSimpleConvNet() == why.valuesPooledByHand());

        out.section("Robust to small shifts: a 16x16 stroke picture moved one pixel to the right");
        ShiftEffect e = shiftEffect();
        out.text("  pixels that changed:                         %5.1f%%", 100 * e.pixelsChanged());
        out.text("  3x3 max pooling (stride 2, pad 1) cells changed: by hand %5.1f%%, DL4J %5.1f%%",
                100 * e.byHandMaxChanged(), 100 * e.dl4jMaxChanged());
        out.text("  3x3 average pooling cells changed (by hand):  %5.1f%%", 100 * e.byHandAvgChanged());
        out.check("max pooling changes a smaller share of its cells than the shift changed pixels, by hand and in DL4J",
                e.byHandMaxChanged() < e.pixelsChanged() && e.dl4jMaxChanged() == e.byHandMaxChanged());

        out.section("Bad shapes");
        Rejection tooBig = windowLargerThanInput();
        out.text("  a 7x7 window on a 4x4 map padded by 1:\n    %s", tooBig.describe());
        out.check("both reject it (DL4J when it is told the input type)", tooBig.bothRejected());
        long[] silent = silentDl4jOutputShape();
        out.text("  DL4J 1.0.0-M2.1 checks FH <= H + 2P only when P > 0: a 5x5 window with no padding on a");
        out.text("  4x4 map gives an empty output of shape %s instead of an error. The by-hand code refuses it.",
                Arrays.toString(silent));
        Rejection strict = strictIndivisible();
        out.text("  Strict 2x2 stride 2 on 5x5:\n    %s", strict.describe());
        out.check("both reject it", strict.bothRejected());

        out.section("Seeded random cases: max and average, window 2/3, stride 1/2/3, padding 0/1, channels 1/3, batch 1/5");
        List<ComparisonReport> reports = cases().stream().map(c -> LayerComparison.pooling(c).report()).toList();
        out.sweep("pooling forward and dL/dx", reports);
    }

    /** A 7x7 window on a 4x4 map with padding 1: 7 > 4 + 2. */
    public static Rejection windowLargerThanInput() {
        return Rejection.pooling(PoolCase.input(1, 1, 4, 4).window(Pooling.Type.MAX, 7).pad(1).build(), Tensor.zeros(1, 1, 4, 4));
    }

    /** The shape DL4J returns for a 5x5 window, no padding, on a 4x4 map (input type given). */
    public static long[] silentDl4jOutputShape() {
        PoolCase pc = PoolCase.input(1, 1, 4, 4).window(Pooling.Type.MAX, 5).build();
        return Dl4jLayers.pooling(pc, new int[] {1, 1, 4, 4}).output(Tensors.toNd(Tensor.zeros(1, 1, 4, 4))).shape();
    }

    /** A Strict pooling case whose window does not tile the input. */
    public static Rejection strictIndivisible() {
        PoolCase pc = new PoolCase(1, 1, 5, 5, Pooling.Type.MAX, 2, 2, 2, 2, 0, 0, ConvolutionMode.Strict, 0);
        return Rejection.pooling(pc, Tensor.zeros(1, 1, 5, 5));
    }
}
