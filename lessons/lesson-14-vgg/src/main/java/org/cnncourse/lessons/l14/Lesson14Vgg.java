package org.cnncourse.lessons.l14;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cnncourse.lessons.support.Comparison;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.SequentialBridge;
import org.cnncourse.lessons.support.Tensors;
import org.cnncourse.models.FullSizeArchitectures;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.Sequential;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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
 * Lesson 14: VGG (Simonyan and Zisserman, 2014): only 3x3 convolutions, stacked. Three
 * stacked 3x3 layers see a 7x7 field with 27C² weights instead of 49C²: computed, and shown by
 * which input pixels move the centre output, by hand and in DL4J. VGG-16 counted; a reduced
 * VGG compared end to end.
 */
public final class Lesson14Vgg implements Lesson {
    static final long SEED = 14;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson14Vgg());
    }

    @Override
    public int number() {
        return 14;
    }

    @Override
    public String slug() {
        return "vgg";
    }

    @Override
    public String title() {
        return "VGG: stacked 3x3 convolutions see what one 7x7 sees, with fewer parameters";
    }

    /** Three 3x3 convolutions, padding 1, one channel, DL4J (double) with random weights and no activation. */
    static MultiLayerNetwork threeByThreeStack(long seed) {
        Dl4jPrecision.useDouble();
        var list = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.XAVIER).convolutionMode(ConvolutionMode.Truncate).list();
        for (int i = 0; i < 3; i++) {
            list.layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(1).activation(Activation.IDENTITY).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(InputType.convolutional(15, 15, 1)).build());
        net.init();
        return net;
    }

    /**
     * Which pixels of a 15x15 input change the centre output when nudged: true/false per pixel,
     * by hand (index 0) and in DL4J (index 1), with the same weights.
     */
    public static boolean[][][] receptiveField() {
        MultiLayerNetwork net = threeByThreeStack(SEED);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Tensor b = Tensors.fromNd(net.getLayer(i).getParam("b"));
            layers.add(new Convolution(Tensors.fromNd(net.getLayer(i).getParam("W")), b.reshape(b.size()), 1, 1));
        }
        Sequential byHand = new Sequential(layers, 0);
        Tensor x = Tensor.uniform(new Random(SEED), 1, 1, 15, 15);
        boolean[][][] seen = new boolean[2][15][15];
        double baseHand = byHand.predict(x).get(0, 0, 7, 7);
        double baseDl4j = net.output(Tensors.toNd(x)).getDouble(0, 0, 7, 7);
        for (int r = 0; r < 15; r++) {
            for (int c = 0; c < 15; c++) {
                Tensor moved = x.copy();
                moved.set(moved.get(0, 0, r, c) + 1, 0, 0, r, c);
                seen[0][r][c] = Math.abs(byHand.predict(moved).get(0, 0, 7, 7) - baseHand) > 1e-12;
                seen[1][r][c] = Math.abs(net.output(Tensors.toNd(moved)).getDouble(0, 0, 7, 7) - baseDl4j) > 1e-12;
            }
        }
        return seen;
    }

    /** A reduced VGG: two blocks of two 3x3 convolutions and a pool, then FC 32, 32, 10, on 3x16x16. */
    public static final org.cnncourse.scratch.Vgg.Config REDUCED = new org.cnncourse.scratch.Vgg.Config(
            List.of(List.of(6, 6), List.of(8, 8)), 3, 16, 32, 10);

    /** The reduced VGG in DL4J, its layers named as in the paper (and as the hand-written one). */
    public static MultiLayerConfiguration reducedVgg(long seed) {
        var c = REDUCED;
        var list = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE).updater(new NoOp())
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate).list();
        for (int b = 0; b < c.blocks().size(); b++) {
            for (int i = 0; i < c.blocks().get(b).size(); i++) {
                list.layer(new ConvolutionLayer.Builder(3, 3).name("conv" + (b + 1) + "_" + (i + 1)).padding(1, 1)
                        .nOut(c.blocks().get(b).get(i)).activation(Activation.RELU).build());
            }
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool" + (b + 1)).kernelSize(2, 2).stride(2, 2).build());
        }
        return list
                .layer(new DenseLayer.Builder().name("fc6").nOut(c.hidden()).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().name("fc7").nOut(c.hidden()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("fc8").nOut(c.classes())
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(c.side(), c.side(), c.channels()))
                .build();
    }

    /** The hand-written reduced VGG, given DL4J's parameters by layer name, against DL4J end to end. */
    public static List<Comparison> reducedEndToEnd() {
        Dl4jPrecision.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(reducedVgg(SEED));
        net.init();
        Tensor x = Tensor.uniform(new Random(SEED), 3, 3, 16, 16);
        Sequential mine = org.cnncourse.scratch.Vgg.network(REDUCED, SequentialBridge.paramsByName(net));
        return SequentialBridge.endToEnd(net, mine, x, new int[] {1, 5, 9}, 10);
    }

    /**
     * The course's compact network (vgg-small, the shipped zip's architecture) end to end: written by
     * hand (Vgg.small) and in DL4J (models' CompactArchitectures.vggSmall), DL4J's weights copied
     * by name, in double precision, on three random images: softmax, loss and every gradient.
     * Dropout is switched off on the DL4J side for the comparison (it is random in training mode).
     */
    public static List<Comparison> compactEndToEnd() {
        return org.cnncourse.lessons.support.GraphComparison.compactEndToEnd(
                org.cnncourse.models.CompactArchitectures.vggSmall(SEED), org.cnncourse.scratch.Vgg.small(), SEED,
                parameter -> Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    @Override
    public void run(LessonOutput out) {
        out.section("VGG-16 at full size: 13 convolutions 3x3 in five blocks, three FC layers");
        MultiLayerNetwork vgg = new MultiLayerNetwork(FullSizeArchitectures.vgg16(SEED));
        vgg.init();
        long byHand = org.cnncourse.scratch.Architectures.count(org.cnncourse.scratch.Vgg.parameterShapes(org.cnncourse.scratch.Vgg.Config.vgg16()));
        out.check("138,357,544 parameters (DL4J numParams " + vgg.numParams() + ", counted from the hand-written VGG-16 "
                + byHand + ")", vgg.numParams() == 138_357_544 && byHand == 138_357_544);
        long dl4jDepth = java.util.Arrays.stream(vgg.getLayers()).filter(l -> l.numParams() > 0).count();
        int byHandDepth = org.cnncourse.scratch.Architectures.chainDepth(org.cnncourse.scratch.Vgg.parameterShapes(org.cnncourse.scratch.Vgg.Config.vgg16()));
        out.check("16 layers with weights, counted on both sides (DL4J " + dl4jDepth + ", by hand " + byHandDepth + ")",
                dl4jDepth == 16 && byHandDepth == 16);

        out.section("Three stacked 3x3 convolutions vs one 7x7, C channels in and out");
        int c = 64;
        long stacked = 3L * (9L * c * c + c), single = 49L * c * c + c;
        out.text("  3 x (3*3*C*C + C) = %,d   vs   7*7*C*C + C = %,d   for C = %d (%.0f%% of the 7x7), with two", stacked,
                single, c, 100.0 * stacked / single);
        out.text("  more non-linearities in between.");
        boolean[][][] seen = receptiveField();
        out.text("  Input pixels that move the centre output of three 3x3 layers on a 15x15 image (# = moves):");
        int count = 0;
        boolean agree = true;
        for (int r = 0; r < 15; r++) {
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            for (int col = 0; col < 15; col++) {
                a.append(seen[0][r][col] ? '#' : '.');
                b.append(seen[1][r][col] ? '#' : '.');
                count += seen[0][r][col] ? 1 : 0;
                agree &= seen[0][r][col] == seen[1][r][col];
                agree &= seen[0][r][col] == (Math.abs(r - 7) <= 3 && Math.abs(col - 7) <= 3);
            }
            out.text("    %s   %s", a, b);
        }
        out.text("    by hand           DL4J");
        out.check("both see exactly the 7x7 square around the centre (" + count + " pixels)", agree && count == 49);

        out.section("A reduced VGG (two blocks of two 3x3 convolutions), forward and backward");
        for (Comparison cmp : reducedEndToEnd()) {
            out.compare(cmp);
        }
        out.section("The course's compact VGG (vgg-small) written by hand vs DL4J, end to end");
        for (Comparison cmp : compactEndToEnd()) {
            out.compare(cmp);
        }
    }
}
