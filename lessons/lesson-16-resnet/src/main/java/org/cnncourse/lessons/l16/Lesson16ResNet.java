package org.cnncourse.lessons.l16;

import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.GraphComparison;
import org.cnncourse.lessons.support.LayerPass;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.models.FullSizeArchitectures;
import org.cnncourse.models.Scoreboard;
import org.cnncourse.scratch.BatchNormalization;
import org.cnncourse.scratch.Graph;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Lesson 16: ResNet (He et al., 2015): batch normalisation by hand against DL4J in training
 * and inference, and residual blocks (basic and bottleneck, the shortcut added by an
 * ElementWiseVertex) as small graphs by hand against DL4J's ComputationGraph; the full-size
 * ResNet-50 and ResNet-152 counted.
 */
public final class Lesson16ResNet implements Lesson {
    static final long SEED = 16;
    static final double DECAY = 0.9, EPS = 1e-5;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson16ResNet());
    }

    @Override
    public int number() {
        return 16;
    }

    @Override
    public String slug() {
        return "resnet";
    }

    @Override
    public String title() {
        return "ResNet: batch normalisation, skip connections, residual blocks, 152 layers";
    }

    @Override
    public List<Picture> pictures() {
        return List.of(
                Picture.written("gradient-per-layer.png", "The gradient of every convolution at initialisation, plain "
                        + "against residual"),
                Picture.written("first-layer-gradient.png", "The first layer's gradient during training, plain against residual"),
                Picture.written("scoreboard.png", "The course's networks on Fashion-MNIST: test accuracy against parameters"));
    }

    static org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder dl4jBn() {
        return new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().decay(DECAY).eps(EPS).useLogStd(false);
    }

    /** Batch normalisation of an (N, C, H, W) batch by hand vs DL4J, training then inference. */
    public static ComparisonReport batchNorm(long seed) {
        Random r = new Random(seed);
        int c = 3;
        Tensor x = Tensor.uniform(r, 4, c, 3, 5);
        Tensor dout = Tensor.uniform(r, x.shape());
        Tensor gamma = Tensor.uniform(r, c), beta = Tensor.uniform(r, c);
        BatchNormalization mine = new BatchNormalization(c, DECAY, EPS);
        System.arraycopy(gamma.data(), 0, mine.params().get("gamma").data(), 0, c);
        System.arraycopy(beta.data(), 0, mine.params().get("beta").data(), 0, c);
        Tensor out = mine.forward(x);
        Tensor dx = mine.backward(dout);
        Map<String, Tensor> grads = mine.grads();

        MultiLayerNetwork net = Dl4jLayers.single(dl4jBn().build(), c, 3, 5);
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        Dl4jLayers.copyInto(layer, "gamma", gamma);
        Dl4jLayers.copyInto(layer, "beta", beta);
        Tensor meanBefore = Tensors.fromNd(layer.getParam("mean")), varBefore = Tensors.fromNd(layer.getParam("var"));
        LayerPass theirs = Dl4jLayers.forwardBackward(layer, x, dout);
        // DL4J returns the running statistics' step as a "gradient": new = old - gradient.
        Tensor meanAfter = subtract(meanBefore, theirs.paramGradients().get("mean"));
        Tensor varAfter = subtract(varBefore, theirs.paramGradients().get("var"));

        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        ComparisonReport report = new ComparisonReport("batch normalisation, 3 channels, batch 4")
                .add(Comparison.of("train output", out, theirs.output(), tol))
                .add(Comparison.of("train dL/dx", dx, theirs.inputGradient(), tol))
                .add(Comparison.of("dL/dgamma", grads.get("gamma"), theirs.paramGradients().get("gamma").reshape(c), tol))
                .add(Comparison.of("dL/dbeta", grads.get("beta"), theirs.paramGradients().get("beta").reshape(c), tol))
                .add(Comparison.of("running mean", Tensor.of(mine.runningMean().clone(), c), meanAfter.reshape(c), tol))
                .add(Comparison.of("running var", Tensor.of(mine.runningVar().clone(), c), varAfter.reshape(c), tol));
        // Inference: both normalise with the running statistics.
        Dl4jLayers.copyInto(layer, "mean", Tensor.of(mine.runningMean().clone(), c));
        Dl4jLayers.copyInto(layer, "var", Tensor.of(mine.runningVar().clone(), c));
        mine.setTraining(false);
        Tensor x2 = Tensor.uniform(r, 2, c, 3, 5);
        report.add(Comparison.of("inference output", mine.forward(x2), Tensors.fromNd(net.output(Tensors.toNd(x2), false)), tol));
        return report;
    }

    static Tensor subtract(Tensor a, Tensor b) {
        double[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] -= b.data()[i];
        }
        return Tensor.of(d, a.shape());
    }

    /** A residual block both ways: the hand-written graph and the DL4J graph, with the same names and weights. */
    public record Block(Graph byHand, ComputationGraph dl4j, int[] inputShape) {
    }

    /**
     * Basic block (ResNet-18/34): 3x3 conv - BN - ReLU - 3x3 conv - BN, plus the input, ReLU.
     * With {@code bottleneck}: 1x1 reduce - BN - ReLU - 3x3 stride 2 - BN - ReLU - 1x1 expand x4 -
     * BN, plus a 1x1 stride-2 projection of the input with BN (ResNet-50/101/152). Written by hand
     * with scratch-reference's {@code ResNet} blocks (the functions ResNet-152 is written with),
     * and in DL4J with models' {@code FullSizeArchitectures.convBn}; DL4J's initial weights are
     * copied into the hand-written block by name.
     */
    public static Block block(boolean bottleneck, long seed) {
        int c = bottleneck ? 6 : 4, size = bottleneck ? 8 : 6, width = 2;
        // No workspaces: the forward pass and the external-error backward pass are separate calls here.
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .updater(new NoOp()).convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE)
                .inferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE)
                .graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(size, size, c));
        org.cnncourse.scratch.Blueprint byHand = new org.cnncourse.scratch.Blueprint("input");
        String main, shortcut = "input";
        if (bottleneck) {
            String a = FullSizeArchitectures.convBn(b, "block_a", "input", 1, 1, 0, width, true);
            String mid = FullSizeArchitectures.convBn(b, "block_b", a, 3, 2, 1, width, true);
            main = FullSizeArchitectures.convBn(b, "block_c", mid, 1, 1, 0, 4 * width, false);
            shortcut = FullSizeArchitectures.convBn(b, "block_shortcut", "input", 1, 2, 0, 4 * width, false);
            org.cnncourse.scratch.ResNet.bottleneckBlock(byHand, "block", "input", c, width, 2);
        } else {
            String a = FullSizeArchitectures.convBn(b, "block_a", "input", 3, 1, 1, c, true);
            main = FullSizeArchitectures.convBn(b, "block_b", a, 3, 1, 1, c, false);
            org.cnncourse.scratch.ResNet.basicBlock(byHand, "block", "input", c);
        }
        b.addVertex("block_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), main, shortcut)
                .addLayer("block", new ActivationLayer.Builder().activation(Activation.RELU).build(), "block_add")
                .setOutputs("block");
        Dl4jPrecision.useDouble();
        ComputationGraph cg = new ComputationGraph(b.build());
        cg.init();
        Graph g = byHand.graph(org.cnncourse.lessons.support.GraphComparison.paramsFor(byHand, cg));
        return new Block(g, cg, new int[] {2, c, size, size});
    }

    /** Output and every parameter gradient of a block, by hand vs DL4J; dL/dx by hand vs central differences. */
    public static ComparisonReport compare(Block blk, String name, long seed) {
        return org.cnncourse.lessons.support.GraphComparison.compare(blk.byHand(), blk.dl4j(), blk.inputShape(), name, seed);
    }

    /** The smallest output of a DL4J BatchNormalization layer configured with a ReLU activation. */
    public static double bnWithReluMinimum() {
        MultiLayerNetwork net = Dl4jLayers.single(dl4jBn().activation(Activation.RELU).build(), 2, 3, 3);
        Tensor x = Tensor.uniform(new Random(SEED), 4, 2, 3, 3);
        return net.output(Tensors.toNd(x), true).minNumber().doubleValue();
    }

    /**
     * The course's compact network (resnet-small, the shipped zip's architecture) end to end: written by
     * hand (ResNet.small) and in DL4J (models' CompactArchitectures.resNetSmall), DL4J's weights copied
     * by name, in double precision, on three random images: softmax, loss and every gradient.
     */
    public static List<org.cnncourse.lessons.support.Comparison> compactEndToEnd() {
        return org.cnncourse.lessons.support.GraphComparison.compactEndToEnd(
                org.cnncourse.models.CompactArchitectures.resNetSmall(SEED), org.cnncourse.scratch.ResNet.small(), SEED,
                parameter -> Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    /**
     * ResNet-20 (the course's resnet-20, He et al.'s CIFAR network) end to end, the same way: written by
     * hand (ResNet.resNet20) and in DL4J (CompactArchitectures.resNet20), DL4J's weights copied by name.
     */
    public static List<org.cnncourse.lessons.support.Comparison> resNet20EndToEnd() {
        return org.cnncourse.lessons.support.GraphComparison.compactEndToEnd(
                org.cnncourse.models.CompactArchitectures.resNet20(SEED), org.cnncourse.scratch.ResNet.resNet20(), SEED,
                parameter -> Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("ResNet-50 and ResNet-152 at full size");
        ComputationGraph r50 = new ComputationGraph(FullSizeArchitectures.resNet50(SEED));
        r50.init();
        long t50 = FullSizeArchitectures.trainableParams(r50), s50 = FullSizeArchitectures.runningStatistics(r50);
        out.text("  ResNet-50: %,d trainable parameters, plus %,d batch-norm running statistics (DL4J numParams %,d)",
                t50, s50, r50.numParams());
        long byHand50 = org.cnncourse.scratch.ResNet.resNet50().numParams();
        out.check("ResNet-50 has 25,557,032 trainable parameters (written by hand, counted from its layers: "
                + String.format("%,d", byHand50) + ")", t50 == 25_557_032 && byHand50 == 25_557_032);
        ComputationGraph r152 = new ComputationGraph(FullSizeArchitectures.resNet152(SEED));
        r152.init();
        long t152 = FullSizeArchitectures.trainableParams(r152);
        out.text("  ResNet-152: %,d trainable parameters, plus %,d running statistics", t152,
                FullSizeArchitectures.runningStatistics(r152));
        org.cnncourse.scratch.Blueprint hand152 = org.cnncourse.scratch.ResNet.resNet152();
        out.check("ResNet-152 has 60,192,808 trainable parameters (by hand: " + String.format("%,d", hand152.numParams()) + ")",
                t152 == 60_192_808 && hand152.numParams() == 60_192_808);
        int dl4jDepth = org.cnncourse.models.Networks.depth(r152), byHandDepth = hand152.depth();
        out.text("  layers with weights on the longest path: %d (DL4J), %d (by hand): conv1, 3 in each of the", dl4jDepth,
                byHandDepth);
        out.text("  3 + 8 + 36 + 3 = 50 bottleneck blocks, and fc (the projections run beside the blocks)");
        out.check("152 layers deep, counted on both sides (the lecture's \"152 layers\")", dl4jDepth == 152 && byHandDepth == 152);

        out.section("Batch normalisation (배치 정규화) by hand vs DL4J: training, running statistics, inference");
        out.compare(batchNorm(SEED));

        double min = bnWithReluMinimum();
        out.text("  A DL4J trap: BatchNormalization.Builder().activation(RELU) is accepted and ignored; its output");
        out.text("  still has negative values (smallest here %.3f). Put the ReLU in its own ActivationLayer.", min);
        out.check("the trap is shown (a 'ReLU' batch norm output below zero)", min < 0);

        out.section("A basic residual block: conv-BN-ReLU-conv-BN + input, ReLU");
        out.compare(compare(block(false, SEED), "basic block", SEED));
        out.section("A bottleneck block with a projection shortcut: 1x1-3x3/2-1x1 (x4) + 1x1/2 projection");
        out.compare(compare(block(true, SEED), "bottleneck block", SEED));
        out.section("The course's compact ResNet (resnet-small) written by hand vs DL4J, end to end");
        for (Comparison c : compactEndToEnd()) {
            out.compare(c);
        }
        resNet20(out);

        plainVersusResidual(out);
        scoreboard(out);
    }

    /** He et al.'s CIFAR ResNet-20 on 28x28: its depth and size on both sides, then the end-to-end comparison. */
    private static void resNet20(LessonOutput out) {
        out.section("ResNet-20 (He et al.'s CIFAR network, 6n+2 layers, n = 3) written by hand vs DL4J, end to end");
        ComputationGraph dl4j = new ComputationGraph(org.cnncourse.models.CompactArchitectures.resNet20(SEED));
        dl4j.init();
        org.cnncourse.scratch.Blueprint byHand = org.cnncourse.scratch.ResNet.resNet20();
        int dl4jDepth = org.cnncourse.models.Networks.depth(dl4j), byHandDepth = byHand.depth();
        long trainable = FullSizeArchitectures.trainableParams(dl4j);
        out.text("  layers with weights on the longest path: %d (DL4J), %d (by hand): the stem, 2 in each of the", dl4jDepth,
                byHandDepth);
        out.text("  3 x 3 basic blocks, and fc; %,d trainable parameters (by hand %,d), plus %,d batch-norm statistics",
                trainable, byHand.numParams(), FullSizeArchitectures.runningStatistics(dl4j));
        out.check("20 layers deep and the same trainable parameters, counted on both sides",
                dl4jDepth == 20 && byHandDepth == 20 && trainable == byHand.numParams());
        for (Comparison c : resNet20EndToEnd()) {
            out.compare(c);
        }
    }

    /** The shipped networks, read from models/trained. */
    static final String TRAINED = "models/trained";

    /** The course's scoreboard: every shipped network, from LeNet-5 to the ResNet-style one, read from its zip. */
    static void scoreboard(LessonOutput out) {
        out.section("The course's scoreboard: every shipped network, as its zip and training history record it");
        try {
            List<Scoreboard.Entry> entries = Scoreboard.entries(
                    Path.of(System.getProperty("cnncourse.root", ".")).resolve(TRAINED));
            out.text("%s", Scoreboard.table(entries).stripTrailing());
            out.text("  (mult-adds/img: one image forward through the convolutions and dense layers; train/s: the median");
            out.text("  DL4J training epoch of the run; peak RSS: the training process's, where the run recorded it;");
            out.text("  epochs: trained; kept: the epoch kept; validation: what chose it; test: read once for the record)");
            Scoreboard.Entry best = entries.stream().filter(e -> e.metadata().dataset().equals("fashion"))
                    .max(java.util.Comparator.comparingDouble(e -> e.metadata().testAccuracy())).orElseThrow();
            out.text("  best on Fashion-MNIST: %s, %.2f%%", best.metadata().architecture(), 100 * best.metadata().testAccuracy());
            out.text("  each row was trained by:");
            out.text("%s", Scoreboard.commands(entries).stripTrailing());
            out.check("every shipped network is on the scoreboard with its cost and accuracy", !entries.isEmpty()
                    && entries.stream().allMatch(e -> e.parameters() > 0 && e.multiplyAdds() > 0));
            laterArchitecturesBeatTheSimpleConvNet(out, entries);
            out.check(String.format(Locale.ROOT, "the best network reaches the course's %.0f%% target on the test set",
                    100 * BEST_NETWORK_TARGET_ACCURACY), best.metadata().testAccuracy() >= BEST_NETWORK_TARGET_ACCURACY);
            Scoreboard.chart(entries, "fashion", outputDir().resolve("scoreboard.png"));
        } catch (java.io.IOException e) {
            out.failure("reading the shipped networks", e);
        }
    }

    /**
     * The lecture's ILSVRC story on Fashion-MNIST: each architecture after LeNet-5 in the course (AlexNet, VGG,
     * GoogLeNet, ResNet) is more accurate on the test set than the lecture's SimpleConvNet.
     */
    static void laterArchitecturesBeatTheSimpleConvNet(LessonOutput out, List<Scoreboard.Entry> entries) {
        int lenet5 = Scoreboard.courseOrder("lenet5");
        var fashion = entries.stream().filter(e -> e.metadata().dataset().equals("fashion")).toList();
        var simple = fashion.stream().filter(e -> e.metadata().architecture().equals("simple-convnet")).findFirst();
        var later = fashion.stream().filter(e -> Scoreboard.courseOrder(e.metadata().architecture()) > lenet5)
                .toList();
        if (simple.isEmpty() || later.isEmpty()) {
            out.check("the SimpleConvNet and the later architectures are shipped for Fashion-MNIST", false);
            return;
        }
        double bar = simple.get().metadata().testAccuracy();
        List<String> below = later.stream().filter(e -> e.metadata().testAccuracy() <= bar)
                .map(e -> String.format(Locale.ROOT, "%s %.2f%%", e.metadata().architecture(), 100 * e.metadata().testAccuracy()))
                .toList();
        out.check(String.format(Locale.ROOT, "each of the %d later networks beats the SimpleConvNet's %.2f%% on the test set%s",
                later.size(), 100 * bar, below.isEmpty() ? "" : " (not: " + String.join(", ", below) + ")"), below.isEmpty());
    }

    /** What the course asks of its best Fashion-MNIST network on the test set. */
    static final double BEST_NETWORK_TARGET_ACCURACY = 0.94;

    static Path outputDir() {
        return Path.of(System.getProperty("cnncourse.out", "out")).resolve("lesson-16");
    }

    /** The degradation problem measured: the same deep stack with and without skip connections. */
    static void plainVersusResidual(LessonOutput out) {
        PlainVsResidual.Setup s = PlainVsResidual.lessonSetup();
        out.section(String.format(Locale.ROOT, "Why skip connections help: %d weight layers, plain vs residual (%,d Fashion-MNIST"
                + " images, %d epochs, same batches)", s.weightLayers(), s.trainImages(), s.epochs()));
        ImageSet train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        ImageSet test = CourseDatasets.fashionMnist(CourseDatasets.Split.TEST);
        PlainVsResidual.Run plain = PlainVsResidual.train(false, s, train, test);
        PlainVsResidual.Run residual = PlainVsResidual.train(true, s, train, test);
        out.text("  %-9s %22s %22s %12s %14s %14s", "network", "||dL/dW|| first conv", "||dL/dW|| last conv",
                "first/last", "final loss", "test accuracy");
        for (PlainVsResidual.Run r : List.of(plain, residual)) {
            double[] g = r.gradientNormPerConv();
            out.text("  %-9s %22.3g %22.3g %12.2f %14.4f %13.1f%%", r.name(), g[0], g[g.length - 1], g[0] / g[g.length - 1],
                    r.trainLoss(), 100 * r.testAccuracy());
        }
        out.text("  (gradients at initialisation, on one fixed batch; accuracy on the first %,d test images)", s.testImages());
        double plainRatio = plain.gradientNormPerConv()[0] / last(plain.gradientNormPerConv());
        double residualRatio = residual.gradientNormPerConv()[0] / last(residual.gradientNormPerConv());
        out.check("with skip connections the first convolution's gradient stays within 3x of the last one's",
                residualRatio > 1 / 3.0 && residualRatio < 3);
        out.check("without them it is distorted by more than 5x on its way down the plain stack",
                plainRatio > 5 || plainRatio < 1 / 5.0);
        out.check("after the same training the residual network is at least 15 points more accurate",
                residual.testAccuracy() >= plain.testAccuracy() + 0.15);
        try {
            Path dir = outputDir();
            PlainVsResidual.perLayerChart(s, List.of(plain, residual), dir.resolve("gradient-per-layer.png"));
            PlainVsResidual.chart(s, List.of(plain, residual), dir.resolve("first-layer-gradient.png"));
            out.text("  Plots: %s and %s", dir.resolve("gradient-per-layer.png"), dir.resolve("first-layer-gradient.png"));
        } catch (java.io.IOException e) {
            out.failure("writing the plots", e);
        }
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }
}
