package org.cnncourse.models;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The lecture's architectures at full size (ImageNet inputs, 1000 classes), for counting
 * parameters and running one forward pass; the compact versions that train on a 2-core
 * machine are separate. Every layer is named as in the papers.
 */
public final class FullSizeArchitectures {
    private FullSizeArchitectures() {
    }

    private static NeuralNetConfiguration.Builder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).updater(new NoOp()).weightInit(WeightInit.RELU);
    }

    static ConvolutionLayer conv(String name, int k, int stride, int pad, int out) {
        return conv(name, k, stride, pad, out, Activation.RELU);
    }

    /** A convolution with no activation of its own, for a ReLU that follows as a layer. */
    static ConvolutionLayer linearConv(String name, int k, int stride, int pad, int out) {
        return conv(name, k, stride, pad, out, Activation.IDENTITY);
    }

    private static ConvolutionLayer conv(String name, int k, int stride, int pad, int out, Activation activation) {
        return new ConvolutionLayer.Builder(k, k).name(name).stride(stride, stride).padding(pad, pad).nOut(out)
                .activation(activation).build();
    }

    static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
    }

    /**
     * A convolution vertex and its ReLU: set on the convolution, or as a layer of its own named
     * {@code name_relu}. Returns the name of the vertex that outputs the activation.
     */
    static String convRelu(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int k, int stride,
                           int pad, int out, boolean reluAsLayer) {
        if (!reluAsLayer) {
            g.addLayer(name, conv(name, k, stride, pad, out), input);
            return name;
        }
        g.addLayer(name, linearConv(name, k, stride, pad, out), input);
        g.addLayer(name + "_relu", relu(name + "_relu"), name);
        return name + "_relu";
    }

    static SubsamplingLayer maxPool(String name, int k, int stride) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).name(name).kernelSize(k, k).stride(stride, stride).build();
    }

    /**
     * AlexNet as in the lecture's table: 227x227x3; conv1 96@11x11 stride 4; max pool 3x3
     * stride 2; LRN; conv2 256@5x5 "same"; pool; LRN; conv3 384, conv4 384, conv5 256 @3x3
     * "same"; pool; FC 4096, 4096 with dropout 0.5; 1000 softmax. One tower (no GPU split):
     * 62,378,344 parameters.
     */
    public static MultiLayerConfiguration alexNet(long seed) {
        return base(seed).convolutionMode(ConvolutionMode.Truncate).list()
                .layer(conv("conv1", 11, 4, 0, 96))
                .layer(maxPool("pool1", 3, 2))
                .layer(new LocalResponseNormalization.Builder().name("norm1").k(2).n(5).alpha(1e-4).beta(0.75).build())
                .layer(conv("conv2", 5, 1, 2, 256))
                .layer(maxPool("pool2", 3, 2))
                .layer(new LocalResponseNormalization.Builder().name("norm2").k(2).n(5).alpha(1e-4).beta(0.75).build())
                .layer(conv("conv3", 3, 1, 1, 384))
                .layer(conv("conv4", 3, 1, 1, 384))
                .layer(conv("conv5", 3, 1, 1, 256))
                .layer(maxPool("pool5", 3, 2))
                .layer(new DenseLayer.Builder().name("fc6").nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new DenseLayer.Builder().name("fc7").nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("fc8").nOut(1000)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(227, 227, 3))
                .build();
    }

    /** VGG-16 (configuration D): 13 convolutions 3x3 in five blocks, three FC layers: 138,357,544 parameters. */
    public static MultiLayerConfiguration vgg16(long seed) {
        var list = base(seed).convolutionMode(ConvolutionMode.Truncate).list();
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                list.layer(conv("conv" + (b + 1) + "_" + (i + 1), 3, 1, 1, blocks[b][i]));
            }
            list.layer(maxPool("pool" + (b + 1), 2, 2));
        }
        return list
                .layer(new DenseLayer.Builder().name("fc6").nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new DenseLayer.Builder().name("fc7").nOut(4096).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("fc8").nOut(1000)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(224, 224, 3))
                .build();
    }

    /**
     * GoogLeNet (Inception v1) without the two auxiliary classifiers: a 7x7 stem, nine
     * inception modules whose four branches (1x1; 1x1 then 3x3; 1x1 then 5x5; 3x3 max pool
     * then 1x1) are concatenated along channels, average pooling, dropout 0.4, 1000 softmax.
     * 22 layers with parameters.
     */
    public static ComputationGraphConfiguration googLeNet(long seed) {
        var g = base(seed).convolutionMode(ConvolutionMode.Same).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(224, 224, 3))
                .addLayer("conv1", conv("conv1", 7, 2, 3, 64), "input")
                .addLayer("pool1", maxPool("pool1", 3, 2), "conv1")
                .addLayer("norm1", new LocalResponseNormalization.Builder().k(2).n(5).alpha(1e-4).beta(0.75).build(), "pool1")
                .addLayer("conv2_reduce", conv("conv2_reduce", 1, 1, 0, 64), "norm1")
                .addLayer("conv2", conv("conv2", 3, 1, 1, 192), "conv2_reduce")
                .addLayer("norm2", new LocalResponseNormalization.Builder().k(2).n(5).alpha(1e-4).beta(0.75).build(), "conv2")
                .addLayer("pool2", maxPool("pool2", 3, 2), "norm2");
        String last = "pool2";
        // name, 1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool proj
        Object[][] modules = {
                {"3a", 64, 96, 128, 16, 32, 32}, {"3b", 128, 128, 192, 32, 96, 64}, {"pool3"},
                {"4a", 192, 96, 208, 16, 48, 64}, {"4b", 160, 112, 224, 24, 64, 64}, {"4c", 128, 128, 256, 24, 64, 64},
                {"4d", 112, 144, 288, 32, 64, 64}, {"4e", 256, 160, 320, 32, 128, 128}, {"pool4"},
                {"5a", 256, 160, 320, 32, 128, 128}, {"5b", 384, 192, 384, 48, 128, 128}};
        for (Object[] m : modules) {
            String name = (String) m[0];
            if (m.length == 1) {
                g.addLayer(name, maxPool(name, 3, 2), last);
                last = name;
                continue;
            }
            last = inception(g, "inception_" + name, last, (int) m[1], (int) m[2], (int) m[3], (int) m[4], (int) m[5], (int) m[6]);
        }
        return g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("dropout", new DropoutLayer.Builder(0.6).build(), "avgpool")
                .addLayer("classifier", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(1000).activation(Activation.SOFTMAX).build(), "dropout")
                .setOutputs("classifier")
                .build();
    }

    /** One inception module; returns the name of its concatenation. */
    public static String inception(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int c1,
                                   int c3reduce, int c3, int c5reduce, int c5, int poolProj) {
        return inception(g, name, input, c1, c3reduce, c3, c5reduce, c5, poolProj, false);
    }

    /** The same module with each ReLU where {@code reluAsLayer} puts it (see {@link #convRelu}). */
    public static String inception(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int c1,
                                   int c3reduce, int c3, int c5reduce, int c5, int poolProj, boolean reluAsLayer) {
        String b1 = convRelu(g, name + "_1x1", input, 1, 1, 0, c1, reluAsLayer);
        String r3 = convRelu(g, name + "_3x3_reduce", input, 1, 1, 0, c3reduce, reluAsLayer);
        String b3 = convRelu(g, name + "_3x3", r3, 3, 1, 1, c3, reluAsLayer);
        String r5 = convRelu(g, name + "_5x5_reduce", input, 1, 1, 0, c5reduce, reluAsLayer);
        String b5 = convRelu(g, name + "_5x5", r5, 5, 1, 2, c5, reluAsLayer);
        g.addLayer(name + "_pool", maxPool(name + "_pool", 3, 1), input);
        String bp = convRelu(g, name + "_pool_proj", name + "_pool", 1, 1, 0, poolProj, reluAsLayer);
        g.addVertex(name, new MergeVertex(), b1, b3, b5, bp);
        return name;
    }

    /** ResNet-50: bottleneck blocks 3, 4, 6, 3. */
    public static ComputationGraphConfiguration resNet50(long seed) {
        return resNet(seed, new int[] {3, 4, 6, 3});
    }

    /** ResNet-152: bottleneck blocks 3, 8, 36, 3. */
    public static ComputationGraphConfiguration resNet152(long seed) {
        return resNet(seed, new int[] {3, 8, 36, 3});
    }

    /**
     * ResNet with bottleneck blocks (1x1 reduce, 3x3 with the stride, 1x1 expand x4, each
     * followed by batch normalisation), the shortcut added by an ElementWiseVertex; a 1x1
     * projection shortcut where the shape changes. Convolutions have no bias (batch
     * normalisation follows each).
     */
    public static ComputationGraphConfiguration resNet(long seed, int[] blocks) {
        var g = base(seed).convolutionMode(ConvolutionMode.Truncate).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(224, 224, 3));
        String last = convBn(g, "conv1", "input", 7, 2, 3, 64, true);
        g.addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), last);
        last = "pool1";
        int[] widths = {64, 128, 256, 512};
        int inChannels = 64;
        for (int stage = 0; stage < 4; stage++) {
            for (int b = 0; b < blocks[stage]; b++) {
                int stride = b == 0 && stage > 0 ? 2 : 1;
                String name = "res" + (stage + 2) + "_" + (b + 1);
                int w = widths[stage];
                String a = convBn(g, name + "_a", last, 1, 1, 0, w, true);
                String bb = convBn(g, name + "_b", a, 3, stride, 1, w, true);
                String c = convBn(g, name + "_c", bb, 1, 1, 0, 4 * w, false);
                String shortcut = last;
                if (stride != 1 || inChannels != 4 * w) {
                    shortcut = convBn(g, name + "_shortcut", last, 1, stride, 0, 4 * w, false);
                }
                g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), c, shortcut);
                g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
                last = name;
                inChannels = 4 * w;
            }
        }
        return g.addLayer("avgpool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(1000)
                        .activation(Activation.SOFTMAX).build(), "avgpool")
                .setOutputs("fc")
                .build();
    }

    /** Convolution without bias, batch normalisation, and a ReLU layer when asked; returns the last node's name. */
    public static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int k, int stride,
                                int pad, int out, boolean relu) {
        g.addLayer(name, new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad).nOut(out)
                .hasBias(false).activation(Activation.IDENTITY).build(), input);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        if (!relu) {
            return name + "_bn";
        }
        // A separate layer: DL4J's BatchNormalization ignores an .activation(...) set on it.
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_bn");
        return name + "_relu";
    }

    /** Parameters that training changes: everything except batch normalisation's running mean and variance. */
    public static long trainableParams(Model model) {
        return model.numParams() - runningStatistics(model);
    }

    /** Batch normalisation's running mean and variance (or log10 standard deviation) values. */
    public static long runningStatistics(Model model) {
        Layer[] layers = Networks.layers(model);
        long n = 0;
        for (Layer l : layers) {
            for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : l.paramTable().entrySet()) {
                String k = e.getKey();
                if (l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization
                        && (k.equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || k.equals(BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || k.equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD))) {
                    n += e.getValue().length();
                }
            }
        }
        return n;
    }
}
