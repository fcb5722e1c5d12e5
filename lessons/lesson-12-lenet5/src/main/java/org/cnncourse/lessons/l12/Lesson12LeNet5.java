package org.cnncourse.lessons.l12;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.SequentialBridge;
import org.cnncourse.lessons.support.SimpleConvNetBridge;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.models.LeNet5;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Lesson 12: LeNet-5 (LeCun et al., 1998), the first architecture of the lecture's "CNN 구조":
 * built in DL4J and by hand with the same parameters, counted, and compared end to end.
 */
public final class Lesson12LeNet5 implements Lesson {
    static final long SEED = 12;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson12LeNet5());
    }

    @Override
    public int number() {
        return 12;
    }

    @Override
    public String slug() {
        return "lenet5";
    }

    @Override
    public String title() {
        return "LeNet-5: 32x32 input, tanh, average pooling, C5 with 120 maps, F6 with 84";
    }

    public static MultiLayerNetwork dl4j(long seed) {
        Dl4jPrecision.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(LeNet5.configuration(seed, DataType.DOUBLE, new NoOp()));
        net.init();
        return net;
    }

    /** Four Fashion-MNIST test images padded to 32x32, as the pipeline gives them. */
    public static DataSet images() {
        DataSet ds = Pipelines.iterator(CourseDatasets.fashionMnist(CourseDatasets.Split.TEST),
                PipelineOptions.evaluation(4).withPadTo(32)).next();
        return new DataSet(ds.getFeatures().castTo(DataType.DOUBLE), ds.getLabels().castTo(DataType.DOUBLE));
    }

    /**
     * Softmax, loss, dL/dx and every parameter gradient: the hand-written LeNet-5 of
     * scratch-reference, given DL4J's parameters by layer name, against DL4J.
     */
    public static List<Comparison> endToEnd() {
        MultiLayerNetwork net = dl4j(SEED);
        DataSet ds = images();
        int[] labels = org.cnncourse.lessons.support.ByHandTrainable.labels(ds.getLabels());
        org.cnncourse.scratch.LeNet5 byHand = new org.cnncourse.scratch.LeNet5(SequentialBridge.paramsByName(net));
        return SequentialBridge.endToEnd(net, byHand.network(), Tensors.fromNd(ds.getFeatures()), labels, 10);
    }

    /**
     * DL4J's own gradient check on LeNet-5 (central differences against backprop), on an
     * evenly spread subset of up to 40 entries of each parameter array: all 61,706 would take
     * minutes.
     */
    public static boolean dl4jGradientCheck() {
        MultiLayerNetwork net = dl4j(SEED + 1);
        Random r = new Random(SEED);
        INDArray x = Tensors.toNd(Tensor.uniform(r, 2, 1, 32, 32));
        INDArray y = SimpleConvNetBridge.oneHot(new int[] {3, 7}, 10);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x).labels(y)
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8).subset(true).maxPerParam(40)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    /** Trainable parameters per layer of the table: (name, DL4J count, by-hand count, formula count). */
    public static Map<String, long[]> parameterCounts() {
        MultiLayerNetwork net = dl4j(SEED);
        org.cnncourse.scratch.Sequential byHand = org.cnncourse.scratch.LeNet5.random(SEED).network();
        Map<String, Long> formula = new LinkedHashMap<>();
        formula.put("C1", 5L * 5 * 1 * 6 + 6);
        formula.put("S2", 0L);
        formula.put("C3", 5L * 5 * 6 * 16 + 16);
        formula.put("S4", 0L);
        formula.put("C5", 5L * 5 * 16 * 120 + 120);
        formula.put("F6", 120L * 84 + 84);
        formula.put("output", 84L * 10 + 10);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> layer : formula.entrySet()) {
            long dl4jCount = net.getLayer(layer.getKey()).numParams();
            out.put(layer.getKey(), new long[] {dl4jCount, byHand.numParams(layer.getKey()), layer.getValue()});
        }
        return out;
    }

    /**
     * The paper's count: C3 with its partial connection table, S2 and S4 with a coefficient and a
     * bias per map, and no output layer (its RBF units are fixed).
     */
    public static Map<String, Long> paperParameterCounts() {
        Map<String, Long> paper = new LinkedHashMap<>();
        paper.put("C1", 5L * 5 * 1 * 6 + 6);
        paper.put("S2", 2L * 6);
        paper.put("C3", (long) LeNet5.partialC3Params());
        paper.put("S4", 2L * 16);
        paper.put("C5", 5L * 5 * 16 * 120 + 120);
        paper.put("F6", 120L * 84 + 84);
        return paper;
    }

    @Override
    public void run(LessonOutput out) {
        MultiLayerNetwork net = dl4j(SEED);
        out.section("The network, layer by layer (DL4J's summary: output shape after every layer)");
        out.text("%s", net.summary(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(32, 32, 1)));

        out.section("Trainable parameters");
        long total = 0;
        boolean same = true;
        for (Map.Entry<String, long[]> e : parameterCounts().entrySet()) {
            out.text("  %-7s DL4J %7d   by hand %7d   formula %7d", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]);
            total += e.getValue()[0];
            same &= e.getValue()[0] == e.getValue()[2] && e.getValue()[1] == e.getValue()[2];
        }
        long byHandTotal = org.cnncourse.scratch.LeNet5.random(SEED).numParams();
        out.check("61,706 in all, each layer as the formula says (DL4J numParams " + net.numParams() + ", by hand "
                + byHandTotal + ")", same && total == 61_706 && net.numParams() == 61_706 && byHandTotal == 61_706);
        out.text("  The paper counts differently: its C3 reads only some S2 maps (60 of 96 connections), its S2 and");
        out.text("  S4 have a trainable coefficient and bias per map, and its output units are fixed, not trained:");
        Map<String, Long> paper = paperParameterCounts();
        StringBuilder sum = new StringBuilder();
        for (Map.Entry<String, Long> e : paper.entrySet()) {
            sum.append(sum.length() == 0 ? "" : " + ").append(e.getKey()).append(' ').append(String.format("%,d", e.getValue()));
        }
        long paperTotal = paper.values().stream().mapToLong(Long::longValue).sum();
        out.text("  %s = %,d", sum, paperTotal);
        out.check("the paper's 60,000 trainable parameters, exactly", paperTotal == 60_000);

        out.section("By hand vs DL4J on 4 Fashion-MNIST images padded to 32x32 (double precision)");
        for (Comparison c : endToEnd()) {
            out.compare(c);
        }
        out.section("DL4J's GradientCheckUtil on LeNet-5");
        out.check("central differences agree with DL4J's backpropagation", dl4jGradientCheck());
    }
}
