package org.cnncourse.lessons.l13;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.ComparisonReport;
import org.cnncourse.lessons.support.Dl4jLayers;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.LayerPass;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.SequentialBridge;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.models.FullSizeArchitectures;
import org.cnncourse.scratch.Dropout;
import org.cnncourse.scratch.LocalResponseNormalization;
import org.cnncourse.scratch.Sequential;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Lesson 13: AlexNet (Krizhevsky et al., 2012): the lecture's table at full size, and the two
 * new pieces, local response normalisation and dropout, by hand against DL4J; then a reduced
 * AlexNet of the same topology (fewer channels, smaller input) compared end to end.
 */
public final class Lesson13AlexNet implements Lesson {
    static final long SEED = 13;
    static final double K = 2, ALPHA = 1e-4, BETA = 0.75;
    static final int N = 5;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson13AlexNet());
    }

    @Override
    public int number() {
        return 13;
    }

    @Override
    public String slug() {
        return "alexnet";
    }

    @Override
    public String title() {
        return "AlexNet: 227x227x3, 11x11 stride 4, LRN, dropout 50%, 62 million parameters";
    }

    @Override
    public List<Picture> pictures() {
        return List.of(
                Picture.written("augmentation.png", "Data augmentation (데이터 증강): training images and what the lecture's "
                        + "flips, contrast and brightness, crops and shifts make of them"),
                Picture.written("augmentation-accuracy.png", String.format(java.util.Locale.ROOT, "Train and test accuracy"
                        + " per epoch on %,d images, with and without augmentation", AugmentationEffect.lessonSetup().trainImages())));
    }

    /** Random input (scaled by 3, so the normalisation matters) and upstream gradient for the LRN checks. */
    private record LrnCase(Tensor x, Tensor dout, LayerPass dl4j) {
        static LrnCase of(double alpha, long seed) {
            Random r = new Random(seed);
            Tensor x = Tensor.uniform(r, 2, 7, 4, 3);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] *= 3;
            }
            Tensor dout = Tensor.uniform(r, x.shape());
            MultiLayerNetwork net = Dl4jLayers.single(new org.deeplearning4j.nn.conf.layers.LocalResponseNormalization.Builder()
                    .k(K).n(N).alpha(alpha).beta(BETA).build(), 7, 4, 3);
            return new LrnCase(x, dout, Dl4jLayers.forwardBackward(net.getLayer(0), x, dout));
        }
    }

    /**
     * Local response normalisation by hand vs DL4J's layer, for a given alpha: the outputs
     * agree, and the by-hand dL/dx agrees with the numerical gradient. DL4J's built-in backward
     * pass divides every term of the window sum by the centre's scale instead of each
     * neighbour's own, which is off by {@link #lrnDl4jGap}.
     */
    public static ComparisonReport lrn(double alpha, long seed) {
        LrnCase lc = LrnCase.of(alpha, seed);
        LocalResponseNormalization mine = new LocalResponseNormalization(K, N, alpha, BETA);
        Tensor out = mine.forward(lc.x());
        Tensor dx = mine.backward(lc.dout());
        Tensor numerical = org.cnncourse.scratch.NumericalGradient.of(() -> mine.forward(lc.x()).dot(lc.dout()), lc.x(), 1e-5);
        return new ComparisonReport("LRN k=2 n=5 alpha=" + alpha + " beta=0.75")
                .add(Comparison.of("output", out, lc.dl4j().output(), Dl4jPrecision.DOUBLE_TOLERANCE))
                .add(Comparison.between("dL/dx", "numerical", numerical, "by hand", dx, 1e-7));
    }

    /** How far DL4J's LRN dL/dx is from the by-hand (numerically checked) one. */
    public static Comparison lrnDl4jGap(double alpha, long seed) {
        LrnCase lc = LrnCase.of(alpha, seed);
        LocalResponseNormalization mine = new LocalResponseNormalization(K, N, alpha, BETA);
        mine.forward(lc.x());
        return Comparison.of("LRN dL/dx", mine.backward(lc.dout()), lc.dl4j().inputGradient(), Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    /**
     * Dropout with retain probability 0.5: in training DL4J's mask (read off its output) is
     * replayed by hand, forward and backward; at inference both are the identity.
     */
    public static ComparisonReport dropout(long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.uniform(r, 3, 4, 5, 5);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] += x.data()[i] >= 0 ? 0.1 : -0.1; // no exact zeros, so the mask can be read off
        }
        Tensor dout = Tensor.uniform(r, x.shape());
        MultiLayerNetwork net = Dl4jLayers.single(new DropoutLayer.Builder(0.5).build(), 4, 5, 5);
        LayerPass theirs = Dl4jLayers.forwardBackward(net.getLayer(0), x, dout);
        Tensor mask = Tensor.zeros(x.shape());
        for (int i = 0; i < x.size(); i++) {
            mask.data()[i] = theirs.output().data()[i] != 0 ? 1 : 0;
        }
        Dropout mine = new Dropout(0.5, new Random(seed));
        mine.useMask(mask);
        Tensor out = mine.forward(x);
        Tensor dx = mine.backward(dout);
        mine.setTraining(false);
        Tensor inference = mine.forward(x);
        Tensor dl4jInference = Tensors.fromNd(net.output(Tensors.toNd(x), false));
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        return new ComparisonReport("dropout, retain 0.5")
                .add(Comparison.of("train output", out, theirs.output(), tol))
                .add(Comparison.of("train dL/dx", dx, theirs.inputGradient(), tol))
                .add(Comparison.of("inference", inference, dl4jInference, tol))
                .add(Comparison.between("inference", "input", x, "DL4J", dl4jInference, 0));
    }

    /**
     * A reduced AlexNet: the lecture's table with fewer maps and a 67x67x3 input (C1 11x11/4 ->
     * 15, S2 -> 7, LRN, C3 5x5 same, S4 -> 3, LRN, C5-C7 3x3 same, F8 pool -> 1, F9 32, F10 32,
     * output 10). Dropout is left out: its inference is the identity.
     */
    public static final org.cnncourse.scratch.AlexNet.Config REDUCED =
            new org.cnncourse.scratch.AlexNet.Config(3, 67, 8, 12, 16, 16, 12, 32, 32, 10, K, N, 0.01, BETA);

    /** The reduced AlexNet in DL4J, its layers named as in the table (and as the hand-written one). */
    public static MultiLayerConfiguration reducedAlexNet(long seed) {
        var c = REDUCED;
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(new ConvolutionLayer.Builder(11, 11).name("C1").stride(4, 4).nOut(c.c1()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("S2").kernelSize(3, 3).stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.LocalResponseNormalization.Builder().name("S2 LRN")
                        .k(c.lrnK()).n(c.lrnN()).alpha(c.lrnAlpha()).beta(c.lrnBeta()).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C3").padding(2, 2).nOut(c.c3()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("S4").kernelSize(3, 3).stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.LocalResponseNormalization.Builder().name("S4 LRN")
                        .k(c.lrnK()).n(c.lrnN()).alpha(c.lrnAlpha()).beta(c.lrnBeta()).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("C5").padding(1, 1).nOut(c.c5()).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("C6").padding(1, 1).nOut(c.c6()).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("C7").padding(1, 1).nOut(c.c7()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("F8").kernelSize(3, 3).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("F9").nOut(c.f9()).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("F10").nOut(c.f10()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("output").nOut(c.classes())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(c.side(), c.side(), c.channels()))
                .build();
    }

    /** The layers with weights below the second LRN, where DL4J's approximate LRN backward enters. */
    static final java.util.Set<String> BELOW_LAST_LRN = java.util.Set.of("C1", "C3");

    /**
     * Softmax and loss, and the gradients of the layers after the second LRN, the hand-written
     * AlexNet (given DL4J's parameters by layer name) vs DL4J; below it, where DL4J's LRN backward
     * enters, the hand-written gradients against central differences at sampled entries.
     */
    public static List<Comparison> reducedEndToEnd() {
        Dl4jPrecision.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(reducedAlexNet(SEED));
        net.init();
        Sequential mine = org.cnncourse.scratch.AlexNet.network(REDUCED, SequentialBridge.paramsByName(net));
        Random r = new Random(SEED);
        Tensor x = Tensor.uniform(r, 3, 3, 67, 67);
        int[] labels = {2, 7, 4};
        List<Comparison> out = new ArrayList<>(SequentialBridge.endToEnd(net, mine, x, labels, 10,
                layer -> !BELOW_LAST_LRN.contains(layer), false));
        // endToEnd ran the hand-written backward pass; its gradients are still in the layers.
        Map<String, Tensor> grads = new java.util.LinkedHashMap<>();
        mine.grads().forEach((k, v) -> grads.put(k, v.copy()));
        Tensor dx = mine.inputGradient().copy();
        out.add(sampledNumericalCheck("dL/dx", dx, x, () -> mine.loss(x, labels), 151));
        Map<String, Tensor> params = mine.params();
        for (String layer : List.of("C1", "C3")) { // BELOW_LAST_LRN, in order
            for (String p : new String[] {"W", "b"}) {
                String key = layer + "_" + p;
                out.add(sampledNumericalCheck(layer + " dL/d" + p, grads.get(key), params.get(key),
                        () -> mine.loss(x, labels), 11));
            }
        }
        return out;
    }

    /** Central differences at every {@code stride}-th entry of a tensor, against the backprop gradient there. */
    static Comparison sampledNumericalCheck(String name, Tensor backprop, Tensor param, java.util.function.DoubleSupplier loss,
                                            int stride) {
        double[] numerical = org.cnncourse.scratch.NumericalGradient.sampled(loss, param, 1e-5, stride);
        double[] analytic = new double[numerical.length];
        for (int k = 0; k < analytic.length; k++) {
            analytic[k] = backprop.data()[k * stride];
        }
        return Comparison.between(name + " (sampled)", "numerical", Tensor.of(numerical, numerical.length), "by hand",
                Tensor.of(analytic, analytic.length), 1e-6);
    }

    /**
     * The lecture's augmentations applied one at a time to the first Fashion-MNIST training
     * images, written as one PNG: a row per image, columns original, flip, contrast/brightness,
     * crop+scale, 2-pixel shift, all together. Returns the file.
     */
    public static Path augmentationPicture(Path dir) throws java.io.IOException {
        org.cnncourse.data.ImageSet set = org.cnncourse.data.CourseDatasets.fashionMnist(org.cnncourse.data.CourseDatasets.Split.TRAIN);
        double max = set.maxPixelValue();
        java.util.List<org.datavec.image.transform.ImageTransform> transforms = java.util.List.of(
                new org.cnncourse.data.HorizontalFlipTransform(new Random(1), 1.0),
                new org.cnncourse.data.ContrastBrightnessTransform(new Random(2), 0.5, 0.2, max),
                new org.cnncourse.data.RandomResizedCropTransform(new Random(3), 0.7),
                new org.cnncourse.data.ShiftTransform(new Random(4), 2),
                org.cnncourse.data.Augmentation.lecture(5).transform(max));
        int rows = 6, side = set.rows(), scale = 4, gap = 4, cols = transforms.size() + 1;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(cols * (side * scale + gap) + gap,
                rows * (side * scale + gap) + gap, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int r = 0; r < rows; r++) {
            float[] px = set.pixels(r);
            for (int c = 0; c < cols; c++) {
                float[] shown = c == 0 ? px : org.cnncourse.data.SingleImage.apply(transforms.get(c - 1), px, side, side).pixels();
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int v = (int) Math.round(Math.max(0, Math.min(1, shown[y * side + x] / max)) * 255);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.getRaster().setSample(gap + c * (side * scale + gap) + x * scale + dx,
                                        gap + r * (side * scale + gap) + y * scale + dy, 0, v);
                            }
                        }
                    }
                }
            }
        }
        Path file = dir.resolve("augmentation.png");
        org.cnncourse.data.AtomicFiles.write(file, tmp -> javax.imageio.ImageIO.write(img, "png", tmp.toFile()));
        return file;
    }

    /**
     * The course's compact network (alexnet-small, the shipped zip's architecture) end to end: written by
     * hand (AlexNet.small) and in DL4J (models' CompactArchitectures.alexNetSmall), DL4J's weights copied
     * by name, in double precision, on three random images: softmax, loss and every gradient.
     * Dropout is switched off on the DL4J side for the comparison (it is random in training mode).
     * conv1 and conv2 lie below the LRNs, where DL4J's backward pass is the approximation
     * measured above ({@link #lrnDl4jGap}): their gradients are held to 1e-6 instead of 1e-9.
     */
    public static List<Comparison> compactEndToEnd() {
        return org.cnncourse.lessons.support.GraphComparison.compactEndToEnd(
                org.cnncourse.models.CompactArchitectures.alexNetSmall(SEED), org.cnncourse.scratch.AlexNet.small(), SEED,
                parameter -> parameter.startsWith("conv1_") || parameter.startsWith("conv2_")
                        ? BELOW_LRN_TOLERANCE : Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    /** How close gradients that pass back through DL4J's LRN come to the exact ones, at LRN's alpha 1e-4. */
    static final double BELOW_LRN_TOLERANCE = 1e-6;

    @Override
    public void run(LessonOutput out) {
        out.section("AlexNet at full size, as in the lecture's table");
        MultiLayerNetwork full = new MultiLayerNetwork(FullSizeArchitectures.alexNet(SEED));
        full.init();
        out.text("%s", full.summary(InputType.convolutional(227, 227, 3)));
        long byHand = org.cnncourse.scratch.Architectures.count(org.cnncourse.scratch.AlexNet.parameterShapes(org.cnncourse.scratch.AlexNet.Config.lecture()));
        out.check("62,378,344 parameters (DL4J numParams " + full.numParams() + ", counted from the hand-written table "
                + byHand + ")", full.numParams() == 62_378_344 && byHand == 62_378_344);
        long dl4jDepth = java.util.Arrays.stream(full.getLayers()).filter(l -> l.numParams() > 0).count();
        int byHandDepth = org.cnncourse.scratch.Architectures.chainDepth(org.cnncourse.scratch.AlexNet.parameterShapes(org.cnncourse.scratch.AlexNet.Config.lecture()));
        out.check("8 layers with weights, counted on both sides (DL4J " + dl4jDepth + ", by hand " + byHandDepth + ")",
                dl4jDepth == 8 && byHandDepth == 8);
        out.text("  conv1 11x11x3x96 + 96 = 34,944; the three FC layers hold 58.6 million of the 62.4 (94%%).");

        out.section("Data augmentation (데이터 증강), as AlexNet's training used it");
        try {
            Path pic = augmentationPicture(Path.of(System.getProperty("cnncourse.out", "out")).resolve("lesson-13"));
            out.text("  %s: per row a training image, then flipped, contrast/brightness, crop+scale, shifted, all", pic);
            out.text("  together (data-pipelines Augmentation, each seeded). Train with it: ./cnn-course train ... --augment lecture");
        } catch (java.io.IOException e) {
            out.failure("writing the augmentation picture", e);
        }
        augmentationEffect(out);

        out.section("Local response normalisation (국소 응답 정규화), by hand vs DL4J");
        out.compare(lrn(ALPHA, SEED));
        out.compare(lrn(0.1, SEED + 1));
        Comparison small = lrnDl4jGap(ALPHA, SEED), large = lrnDl4jGap(0.1, SEED + 1);
        out.text("  DL4J 1.0.0-M2.1's LRN backward divides the whole window sum by the centre channel's scale");
        out.text("  instead of each neighbour's own: dL/dx is off by %.1e relative at alpha 1e-4 and by %.1e at", small.relativeDiff(),
                large.relativeDiff());
        out.text("  alpha 0.1 (the by-hand gradient is the one the numerical gradient confirms).");
        out.check("the DL4J difference is real and shrinks with alpha",
                !large.passed() && small.relativeDiff() < large.relativeDiff());
        out.section("Dropout 50%: DL4J's mask replayed by hand; inference is the identity");
        out.compare(dropout(SEED));
        out.section("A reduced AlexNet of the same topology, forward and backward");
        out.text("  Layers after the second LRN are compared with DL4J; below it, where DL4J's LRN backward");
        out.text("  enters, the by-hand gradients are checked against central differences.");
        for (Comparison c : reducedEndToEnd()) {
            out.compare(c);
        }
        out.section("The course's compact AlexNet (alexnet-small) written by hand vs DL4J, end to end");
        out.text("  conv1 and conv2 lie below the LRNs: DL4J's approximate LRN backward holds them to 1e-6.");
        for (Comparison c : compactEndToEnd()) {
            out.compare(c);
        }
    }

    /** The same SimpleConvNet on a few hundred images with and without the lecture's augmentation. */
    static void augmentationEffect(LessonOutput out) {
        AugmentationEffect.Setup s = AugmentationEffect.lessonSetup();
        out.section(String.format(java.util.Locale.ROOT, "Accuracy with and without augmentation: the DL4J SimpleConvNet"
                + " on %,d training images, %d epochs", s.trainImages(), s.epochs()));
        org.cnncourse.data.ImageSet train = org.cnncourse.data.CourseDatasets.fashionMnist(org.cnncourse.data.CourseDatasets.Split.TRAIN);
        org.cnncourse.data.ImageSet test = org.cnncourse.data.CourseDatasets.fashionMnist(org.cnncourse.data.CourseDatasets.Split.TEST);
        AugmentationEffect.Run plain = AugmentationEffect.train("no augmentation", org.cnncourse.data.Augmentation.none(), s, train, test);
        AugmentationEffect.Run augmented = AugmentationEffect.train("lecture augmentation",
                org.cnncourse.data.Augmentation.lecture(s.seed()), s, train, test);
        out.text("  %-22s %16s %16s %14s %16s", "", "train accuracy", "test accuracy", "train - test", "best test (epoch)");
        for (AugmentationEffect.Run r : List.of(plain, augmented)) {
            org.cnncourse.models.EpochResult best = r.best();
            out.text("  %-22s %15.1f%% %15.1f%% %13.1f %11.1f%% (%d)", r.name(), 100 * r.last().trainAccuracy(),
                    100 * r.last().testAccuracy(), 100 * r.gap(), 100 * best.testAccuracy(), best.epoch());
        }
        out.text("  (train accuracy on the un-augmented training images; test on the first %,d test images)", s.testImages());
        out.text("  The gap falls from %.1f to %.1f points; the best test epoch is %d without augmentation, %d with it.",
                100 * plain.gap(), 100 * augmented.gap(), plain.best().epoch(), augmented.best().epoch());
        out.check(String.format(java.util.Locale.ROOT, "without augmentation the network memorises its %,d images"
                + " (train accuracy >= 99%%)", s.trainImages()), plain.last().trainAccuracy() >= 0.99);
        out.check("augmentation at least halves the gap between train and test accuracy", augmented.gap() <= plain.gap() / 2);
        try {
            Path png = Path.of(System.getProperty("cnncourse.out", "out")).resolve("lesson-13").resolve("augmentation-accuracy.png");
            org.cnncourse.models.AccuracyChart.write(String.format(java.util.Locale.ROOT, "SimpleConvNet, %,d Fashion-MNIST images",
                    s.trainImages()), List.of("plain", "augmented"),
                    List.of(plain.history(), augmented.history()), png);
            out.text("  Plot: %s", png);
        } catch (java.io.IOException e) {
            out.failure("writing the accuracy plot", e);
        }
    }
}
