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

    public static MultiLayerConfiguration configuration(int height, int width, int channels, int classes,
                                                        long seed, DataType dataType) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(new Adam(LEARNING_RATE))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(FILTER_SIZE, FILTER_SIZE).name("conv1")
                        .stride(1, 1).padding(0, 0).nOut(FILTERS).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1")
                        .kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().name("affine1").nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("affine2")
                        .nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(height, width, channels))
                .build();
    }

    /** For 28x28 greyscale images and 10 classes, float32. */
    public static MultiLayerNetwork build(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(28, 28, 1, 10, seed, DataType.FLOAT));
        net.init();
        return net;
    }
}
