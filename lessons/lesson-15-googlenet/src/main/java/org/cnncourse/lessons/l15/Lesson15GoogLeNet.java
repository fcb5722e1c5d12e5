package org.cnncourse.lessons.l15;

import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.Dl4jPrecision;
import java.util.List;
import org.cnncourse.lessons.support.GraphComparison;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.models.FullSizeArchitectures;
import org.cnncourse.scratch.Graph;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
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

    /** The module compared here, on a 6-channel 7x7 input: 1x1 (4), 1x1 (3) -> 3x3 (5), 1x1 (2) -> 5x5 (3), pool -> 1x1 (2). */
    static final org.cnncourse.scratch.GoogLeNet.Inception SMALL = new org.cnncourse.scratch.GoogLeNet.Inception("", 4, 3, 5, 2, 3, 2);

    /**
     * One inception module written twice: by hand ({@code GoogLeNet.inception} of scratch-reference,
     * the function the full network is written with) and in DL4J ({@code FullSizeArchitectures.inception}
     * of models); DL4J's initial weights copied into the hand-written one by name.
     */
    public static Module module(long seed) {
        int c = 6, size = 7;
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Same).weightInit(org.deeplearning4j.nn.weights.WeightInit.UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.NONE).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(size, size, c));
        String out = FullSizeArchitectures.inception(b, "inception", "input", SMALL.c1(), SMALL.c3reduce(), SMALL.c3(),
                SMALL.c5reduce(), SMALL.c5(), SMALL.poolProj(), true);
        b.setOutputs(out);
        Dl4jPrecision.useDouble();
        ComputationGraph cg = new ComputationGraph(b.build());
        cg.init();
        org.cnncourse.scratch.Blueprint byHand = new org.cnncourse.scratch.Blueprint("input");
        org.cnncourse.scratch.GoogLeNet.inception(byHand, "inception", "input", c, SMALL);
        return new Module(byHand.graph(GraphComparison.paramsFor(byHand, cg)), cg, new int[] {2, c, size, size});
    }

    public static ComparisonReport compareModule(long seed) {
        Module m = module(seed);
        return GraphComparison.compare(m.byHand(), m.dl4j(), m.inputShape(), "inception module", seed);
    }

    /**
     * The course's compact network (inception-small, the shipped zip's architecture) end to end: written by
     * hand (GoogLeNet.small) and in DL4J (models' CompactArchitectures.inceptionSmall), DL4J's weights copied
     * by name, in double precision, on three random images: softmax, loss and every gradient.
     */
    public static List<org.cnncourse.lessons.support.Comparison> compactEndToEnd() {
        return org.cnncourse.lessons.support.GraphComparison.compactEndToEnd(
                org.cnncourse.models.CompactArchitectures.inceptionSmall(SEED), org.cnncourse.scratch.GoogLeNet.small(), SEED,
                parameter -> Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("GoogLeNet at full size (no auxiliary classifiers)");
        ComputationGraph net = new ComputationGraph(FullSizeArchitectures.googLeNet(SEED));
        net.init();
        long g = net.numParams();
        org.cnncourse.scratch.Blueprint byHand = org.cnncourse.scratch.GoogLeNet.full();
        out.text("  parameters: %,d (DL4J), %,d (written by hand, counted from its layers)", g, byHand.numParams());
        out.check("6,998,552 parameters on both sides, as the BVLC GoogLeNet without its auxiliary classifiers",
                g == 6_998_552 && byHand.numParams() == 6_998_552);
        int dl4jDepth = org.cnncourse.models.Networks.depth(net), byHandDepth = byHand.depth();
        out.text("  layers with weights on the longest path: %d (DL4J), %d (by hand): the stem's 3, 2 in each of the", dl4jDepth,
                byHandDepth);
        out.text("  nine modules (a 1x1 reduction, then a 3x3 or 5x5), and the classifier");
        out.check("22 layers deep, counted on both sides (the lecture's \"22 layers\")", dl4jDepth == 22 && byHandDepth == 22);
        out.text("  AlexNet (one tower) / GoogLeNet = 62,378,344 / %,d = %.2fx", g, 62_378_344.0 / g);
        out.text("  AlexNet (two towers, as published) / GoogLeNet = %,d / %,d = %.2fx", ALEXNET_TWO_TOWERS, g,
                (double) ALEXNET_TWO_TOWERS / g);
        out.text("  VGG-16 / GoogLeNet = 138,357,544 / %,d = %.2fx", g, 138_357_544.0 / g);
        out.text("  The lecture's \"12x fewer than AlexNet, 27x fewer than VGG-16\" implies about 5.1 million parameters;");
        out.text("  counting the published layers gives 7.0 million (6.0 without the 1000-way classifier), so the");
        out.text("  measured ratios are about 9x and 20x. The 1x1 reductions are what keep the count this low.");

        out.section("One inception module by hand (graph + concatenation) vs DL4J (ComputationGraph + MergeVertex)");
        out.compare(compareModule(SEED));

        out.section("The course's compact GoogLeNet (inception-small) written by hand vs DL4J, end to end");
        for (org.cnncourse.lessons.support.Comparison c : compactEndToEnd()) {
            out.compare(c);
        }
    }
}
