package org.cnncourse.models;

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
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The lecture's SimpleConvNet in DL4J: conv(30 filters 5x5, stride 1, pad 0) - ReLU -
 * max pool 2x2 stride 2 - affine(100) - ReLU - affine(10) - softmax, trained with Adam
 * (learning rate 0.001).
 */
public final class SimpleConvNet {
    public static final int FILTERS = 30;
    public static final int FILTER_SIZE = 5;
    public static final int HIDDEN = 100;
    public static final double LEARNING_RATE = 0.001;

    private SimpleConvNet() {
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
     * Layer indices: 0 conv1, 1 pool1, 2 affine1, 3 affine2 (output). Parameters "0_W" (FN, C, FH, FW),
     * "0_b", "2_W" (FN*12*12, hidden) = the book's W2, "3_W" = W3.
     */
    public static MultiLayerConfiguration configuration(Shape s, long seed, DataType dataType, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(s.filterSize(), s.filterSize()).name("conv1")
                        .stride(1, 1).padding(0, 0).nOut(s.filters()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("affine1").nOut(s.hidden()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("affine2")
                        .nOut(s.classes()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(s.height(), s.width(), s.channels()))
                .build();
    }

    /** For 28x28 greyscale images and 10 classes, float32. */
    public static MultiLayerNetwork build(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(28, 28, 1, 10, seed, DataType.FLOAT));
        net.init();
        return net;
    }
}
