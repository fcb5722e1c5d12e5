package org.cnncourse.models;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The lecture's SimpleConvNet in DL4J: conv(30 filters 5x5, stride 1, pad 0) - ReLU -
 * max pool 2x2 stride 2 - affine(100) - ReLU - affine(10) - softmax, trained with Adam
 * (learning rate 0.001).
 */
public final class Dl4jSimpleConvNet {
    public static final int FILTERS = 30;
    public static final int FILTER_SIZE = 5;
    public static final int HIDDEN = 100;
    public static final double LEARNING_RATE = 0.001;
    /** The lecture's weight_init_std (L396, L567): every weight drawn from N(0, 0.01²). */
    public static final double LECTURE_WEIGHT_STD = 0.01;

    /** How the weights start: He (DL4J's RELU scheme, the course's default) or the lecture's N(0, 0.01²). */
    public enum Init { HE, LECTURE }

    private Dl4jSimpleConvNet() {
    }

    /**
     * The network's sizes; {@link #lecture} is the lecture's. Smaller shapes keep gradient
     * checks fast.
     */
    public record Shape(int channels, int height, int width, int filters, int filterSize, int hidden, int classes) {
        public static Shape lecture() {
            return new Shape(1, 28, 28, FILTERS, FILTER_SIZE, HIDDEN, 10);
        }

        public static Shape lecture(int height, int width, int channels, int classes) {
            return new Shape(channels, height, width, FILTERS, FILTER_SIZE, HIDDEN, classes);
        }
    }

    public static MultiLayerConfiguration configuration(int height, int width, int channels, int classes,
                                                        long seed, DataType dataType) {
        return configuration(Shape.lecture(height, width, channels, classes), seed, dataType, new Adam(LEARNING_RATE));
    }

    /**
     * Layers: 0 conv1, 1 relu1, 2 pool1, 3 affine1 (with its ReLU), 4 affine2 (output). Parameters
     * "0_W" (FN, C, FH, FW), "0_b", "3_W" (FN*12*12, hidden) = the book's W2, "4_W" = W3.
     *
     * <p>The ReLU after the convolution is a layer of its own, as in the book's Conv - Relu - Pooling.
     * It computes the same numbers as {@code activation(RELU)} on the convolution, and trains about
     * 1.35x faster in DL4J 1.0.0-M2.1: the convolution's output is a permuted view of its matrix
     * product, and the ReLU applied inside the layer walks it element by element, while the
     * separate layer gets an array laid out in order (see {@code ./cnn-course bench dl4j}).
     */
    public static MultiLayerConfiguration configuration(Shape s, long seed, DataType dataType, IUpdater updater) {
        return configuration(s, seed, dataType, updater, true);
    }

    /**
     * @param reluAsLayer false gives the layout most DL4J code writes, {@code activation(RELU)} on
     *                    the convolution (layers 0 conv1, 1 pool1, 2 affine1, 3 affine2): the same
     *                    numbers, slower; {@code bench dl4j} measures it as DL4J out of the box
     */
    public static MultiLayerConfiguration configuration(Shape s, long seed, DataType dataType, IUpdater updater,
                                                        boolean reluAsLayer) {
        return configuration(s, seed, dataType, updater, reluAsLayer, Init.HE);
    }

    public static MultiLayerConfiguration configuration(Shape s, long seed, DataType dataType, IUpdater updater,
                                                        boolean reluAsLayer, Init init) {
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater);
        if (init == Init.LECTURE) {
            builder.weightInit(new NormalDistribution(0, LECTURE_WEIGHT_STD));
        } else {
            builder.weightInit(WeightInit.RELU);
        }
        NeuralNetConfiguration.ListBuilder list = builder
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(s.filterSize(), s.filterSize()).name("conv1").stride(1, 1)
                        .padding(0, 0).nOut(s.filters()).activation(reluAsLayer ? Activation.IDENTITY : Activation.RELU).build());
        if (reluAsLayer) {
            list.layer(new ActivationLayer.Builder().name("relu1").activation(Activation.RELU).build());
        }
        return list
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("affine1").nOut(s.hidden()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("affine2")
                        .nOut(s.classes()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(s.height(), s.width(), s.channels()))
                .build();
    }

    /** The lecture's setup (L567): 28x28 greyscale, 10 classes, N(0, 0.01²) weights, Adam 0.001. */
    public static MultiLayerNetwork lecture(long seed, DataType dataType) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(Shape.lecture(), seed, dataType, new Adam(LEARNING_RATE),
                true, Init.LECTURE));
        net.init();
        return net;
    }

    /** For 28x28 greyscale images and 10 classes, float32. */
    public static MultiLayerNetwork build(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(28, 28, 1, 10, seed, DataType.FLOAT));
        net.init();
        return net;
    }
}
