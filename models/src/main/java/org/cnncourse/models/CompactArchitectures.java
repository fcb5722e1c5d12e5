package org.cnncourse.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.cnncourse.models.FullSizeArchitectures.conv;
import static org.cnncourse.models.FullSizeArchitectures.convBn;
import static org.cnncourse.models.FullSizeArchitectures.inception;
import static org.cnncourse.models.FullSizeArchitectures.linearConv;
import static org.cnncourse.models.FullSizeArchitectures.maxPool;
import static org.cnncourse.models.FullSizeArchitectures.relu;

/**
 * The lecture's architectures shrunk for 28x28 greyscale images and a 2-core CPU: the same
 * ideas (AlexNet's large first filter, LRN and dropout; VGG's stacked 3x3 blocks; GoogLeNet's
 * inception modules; ResNet's residual blocks with batch normalisation) with fewer channels
 * and layers. All use Adam (lr 0.001) and 10 softmax outputs.
 */
public final class CompactArchitectures {
    private CompactArchitectures() {
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .weightInit(WeightInit.RELU);
    }

    private static OutputLayer softmax(String name) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name(name).nOut(10)
                .activation(Activation.SOFTMAX).build();
    }

    /**
     * A convolution and its ReLU. As a layer of its own (the course's layout, the book's Conv -
     * ReLU) DL4J M2.1 trains faster than with the ReLU set on the convolution, the usual DL4J way
     * ({@code ./cnn-course bench networks} measures both): the same numbers either way.
     */
    private static void convRelu(NeuralNetConfiguration.ListBuilder list, String name, int k, int stride, int pad, int out,
                                 boolean reluAsLayer) {
        if (reluAsLayer) {
            list.layer(linearConv(name, k, stride, pad, out)).layer(relu(name + "_relu"));
        } else {
            list.layer(conv(name, k, stride, pad, out));
        }
    }

    /** AlexNet-style, ReLU as its own layer. */
    public static MultiLayerConfiguration alexNetSmall(long seed) {
        return alexNetSmall(seed, true);
    }

    /** AlexNet-style: 5x5 stride 1 first layer, max pools with overlap, LRN, three 3x3 layers, two dropout FC layers. */
    public static MultiLayerConfiguration alexNetSmall(long seed, boolean reluAsLayer) {
        var list = base(seed).convolutionMode(ConvolutionMode.Same).list();
        convRelu(list, "conv1", 5, 1, 2, 16, reluAsLayer);
        list.layer(maxPool("pool1", 3, 2)).layer(new LocalResponseNormalization.Builder().name("norm1").build());
        convRelu(list, "conv2", 3, 1, 1, 32, reluAsLayer);
        list.layer(maxPool("pool2", 3, 2)).layer(new LocalResponseNormalization.Builder().name("norm2").build());
        convRelu(list, "conv3", 3, 1, 1, 48, reluAsLayer);
        convRelu(list, "conv4", 3, 1, 1, 48, reluAsLayer);
        convRelu(list, "conv5", 3, 1, 1, 32, reluAsLayer);
        return list.layer(maxPool("pool5", 3, 2))
                .layer(new DenseLayer.Builder().name("fc6").nOut(128).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new DenseLayer.Builder().name("fc7").nOut(128).activation(Activation.RELU).dropOut(0.5).build())
                .layer(softmax("fc8"))
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    /** VGG-style, ReLU as its own layer. */
    public static MultiLayerConfiguration vggSmall(long seed) {
        return vggSmall(seed, true);
    }

    /** VGG-style: three blocks of two 3x3 convolutions (16, 32, 64) and a 2x2 pool, FC 256 with dropout. */
    public static MultiLayerConfiguration vggSmall(long seed, boolean reluAsLayer) {
        var list = base(seed).convolutionMode(ConvolutionMode.Same).list();
        int[] widths = {16, 32, 64};
        for (int b = 0; b < widths.length; b++) {
            convRelu(list, "conv" + (b + 1) + "_1", 3, 1, 1, widths[b], reluAsLayer);
            convRelu(list, "conv" + (b + 1) + "_2", 3, 1, 1, widths[b], reluAsLayer);
            list.layer(maxPool("pool" + (b + 1), 2, 2));
        }
        return list.layer(new DenseLayer.Builder().name("fc1").nOut(256).activation(Activation.RELU).dropOut(0.5).build())
                .layer(softmax("output"))
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    /** GoogLeNet-style, ReLU as its own layer. */
    public static ComputationGraphConfiguration inceptionSmall(long seed) {
        return inceptionSmall(seed, true);
    }

    /** GoogLeNet-style: a 3x3 stride-2 stem, two inception modules, a pool, two more modules, global average pooling. */
    public static ComputationGraphConfiguration inceptionSmall(long seed, boolean reluAsLayer) {
        var g = base(seed).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(28, 28, 1));
        String last = FullSizeArchitectures.convRelu(g, "stem", "input", 3, 2, 1, 32, reluAsLayer);
        last = inception(g, "inception_3a", last, 16, 16, 32, 8, 16, 16, reluAsLayer);
        last = inception(g, "inception_3b", last, 32, 32, 48, 8, 24, 24, reluAsLayer);
        g.addLayer("pool2", maxPool("pool2", 3, 2), last);
        last = inception(g, "inception_4a", "pool2", 48, 32, 64, 8, 24, 24, reluAsLayer);
        last = inception(g, "inception_4b", last, 64, 48, 96, 12, 32, 32, reluAsLayer);
        return g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("classifier", softmax("classifier"), "avgpool")
                .setOutputs("classifier")
                .build();
    }

    /** ResNet-style: a 3x3 stride-2 stem and three stages of two basic residual blocks (16, 32, 64 channels), global average pooling. */
    public static ComputationGraphConfiguration resNetSmall(long seed) {
        int stemStride = 2, blocksPerStage = 2;
        return resNet(seed, stemStride, blocksPerStage, new int[] {16, 32, 64});
    }

    /**
     * He et al.'s ResNet-20 for 32x32 CIFAR images (section 4.2 of the paper: 6n+2 layers with
     * n = 3), here on 1x28x28: a 3x3 stride-1 stem, three stages of three basic blocks (16, 32,
     * 64 channels, the second and third stage halving the side), global average pooling. Where
     * the channels change, the shortcut is a 1x1 convolution with BN (the paper's option B).
     */
    public static ComputationGraphConfiguration resNet20(long seed) {
        int stemStride = 1, blocksPerStage = 3;
        return resNet(seed, stemStride, blocksPerStage, new int[] {16, 32, 64});
    }

    /** A stem of conv-BN-ReLU, then one stage per width of basic blocks, each stage after the first starting with stride 2. */
    static ComputationGraphConfiguration resNet(long seed, int stemStride, int blocksPerStage, int[] widths) {
        var g = base(seed).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(28, 28, 1));
        String last = convBn(g, "stem", "input", 3, stemStride, 1, widths[0], true);
        int in = widths[0];
        for (int s = 0; s < widths.length; s++) {
            for (int b = 0; b < blocksPerStage; b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                String name = "res" + (s + 1) + "_" + (b + 1);
                String a = convBn(g, name + "_a", last, 3, stride, 1, widths[s], true);
                String c = convBn(g, name + "_b", a, 3, 1, 1, widths[s], false);
                String shortcut = last;
                if (stride != 1 || in != widths[s]) {
                    shortcut = convBn(g, name + "_shortcut", last, 1, stride, 0, widths[s], false);
                }
                g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), c, shortcut);
                g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
                last = name;
                in = widths[s];
            }
        }
        return g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("fc", softmax("fc"), "avgpool")
                .setOutputs("fc")
                .build();
    }

}
