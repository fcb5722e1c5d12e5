package org.cnncourse.lessons.l15;

import java.util.Random;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.GraphComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.models.FullSizeArchitectures;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Graph;
import org.cnncourse.scratch.Merge;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Lesson 15: GoogLeNet (Szegedy et al., 2014): the inception module (인셉션 모듈) runs 1x1,
 * 3x3 and 5x5 convolutions and a 3x3 max pool side by side and concatenates their maps along
 * the channels; 1x1 convolutions in front keep it cheap. One module by hand (a small graph
 * with a concatenation) against DL4J's ComputationGraph with a MergeVertex; the full network
 * counted against AlexNet and VGG-16.
 */
public final class Lesson15GoogLeNet implements Lesson {
    static final long SEED = 15;
    /** AlexNet as published: two GPU towers, so conv2, conv4 and conv5 each see half the channels. */
    public static final long ALEXNET_TWO_TOWERS = 62_378_344L - (614_656 - 307_456) - (1_327_488 - 663_936) - (884_992 - 442_624);

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson15GoogLeNet());
    }

    @Override
    public int number() {
        return 15;
    }

    @Override
    public String slug() {
        return "googlenet";
    }

    @Override
    public String title() {
        return "GoogLeNet: inception modules, 22 layers, far fewer parameters than AlexNet and VGG";
    }

    /** Two graphs of one inception module with the same names and weights. */
    public record Module(Graph byHand, ComputationGraph dl4j, int[] inputShape) {
    }

    /** An inception module on a 6-channel 7x7 input: 1x1 (4), 1x1 (3) -> 3x3 (5), 1x1 (2) -> 5x5 (3), pool -> 1x1 (2). */
    public static Module module(long seed) {
        Random r = new Random(seed);
        int c = 6, size = 7;
        Graph g = new Graph("input");
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(size, size, c));
        String one = conv(g, b, r, "1x1", "input", c, 4, 1, 0);
        String reduce3 = conv(g, b, r, "3x3_reduce", "input", c, 3, 1, 0);
        String three = conv(g, b, r, "3x3", reduce3, 3, 5, 3, 1);
        String reduce5 = conv(g, b, r, "5x5_reduce", "input", c, 2, 1, 0);
        String five = conv(g, b, r, "5x5", reduce5, 2, 3, 5, 2);
        g.layer("pool", new Pooling(Pooling.Type.MAX, 3, 3, 1, 1, 1, 1, SizeRule.TRUNCATE, false), "input");
        b.addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1).padding(1, 1).build(), "input");
        String proj = conv(g, b, r, "pool_proj", "pool", c, 2, 1, 0);
        g.merge("concat", new Merge.Concat(), one, three, five, proj);
        b.addVertex("concat", new MergeVertex(), one, three, five, proj).setOutputs("concat");
        Dl4jPrecision.useDouble();
        ComputationGraph cg = new ComputationGraph(b.build());
        cg.init();
        GraphComparison.copyParams(g, cg);
        return new Module(g, cg, new int[] {2, c, size, size});
    }

    private static String conv(Graph g, ComputationGraphConfiguration.GraphBuilder b, Random r, String name, String input,
                               int in, int out, int k, int pad) {
        g.layer(name, new Convolution(Tensor.uniform(r, out, in, k, k), Tensor.uniform(r, out), 1, 1, pad, pad,
                SizeRule.TRUNCATE), input);
        g.layer(name + "_relu", new Relu(), name);
        b.addLayer(name, new ConvolutionLayer.Builder(k, k).padding(pad, pad).nIn(in).nOut(out)
                .activation(Activation.IDENTITY).build(), input);
        b.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name);
        return name + "_relu";
    }

    public static ComparisonReport compareModule(long seed) {
        Module m = module(seed);
        return GraphComparison.compare(m.byHand(), m.dl4j(), m.inputShape(), "inception module", seed);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("GoogLeNet at full size (no auxiliary classifiers)");
        ComputationGraph net = new ComputationGraph(FullSizeArchitectures.googLeNet(SEED));
        net.init();
        long g = net.numParams();
        out.text("  parameters: %,d", g);
        out.check("6,998,552 parameters, as the BVLC GoogLeNet without its auxiliary classifiers", g == 6_998_552);
        out.text("  AlexNet (one tower) / GoogLeNet = 62,378,344 / %,d = %.2fx", g, 62_378_344.0 / g);
        out.text("  AlexNet (two towers, as published) / GoogLeNet = %,d / %,d = %.2fx", ALEXNET_TWO_TOWERS, g,
                (double) ALEXNET_TWO_TOWERS / g);
        out.text("  VGG-16 / GoogLeNet = 138,357,544 / %,d = %.2fx", g, 138_357_544.0 / g);
        out.text("  The lecture's \"12x fewer than AlexNet, 27x fewer than VGG-16\" implies about 5.1 million parameters;");
        out.text("  counting the published layers gives 7.0 million (6.0 without the 1000-way classifier), so the");
        out.text("  measured ratios are about 9x and 20x. The 1x1 reductions are what keep the count this low.");

        out.section("One inception module by hand (graph + concatenation) vs DL4J (ComputationGraph + MergeVertex)");
        out.compare(compareModule(SEED));
    }
}
