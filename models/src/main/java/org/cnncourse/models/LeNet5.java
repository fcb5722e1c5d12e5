package org.cnncourse.models;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LeNet-5 as the lecture's table has it (L666-678): 32x32 input, C1 6@5x5 tanh, S2 2x2 average
 * pooling then tanh, C3 16@5x5 tanh (every C3 map sees all six S2 maps), S4 then tanh, C5
 * 120@5x5 tanh (a convolution that leaves 1x1 maps), F6 84 tanh, and 10 outputs with softmax
 * where the paper has RBF units. S2 and S4 are plain averages here; the paper gives each map a
 * trainable coefficient and bias. 61,706 trainable parameters.
 */
public final class LeNet5 {
    /** Layer indices: 0 C1, 1 S2, 2 its tanh, 3 C3, 4 S4, 5 its tanh, 6 C5, 7 F6, 8 output. */
    public static final String[] LAYER_NAMES = {"C1", "S2", "S2 tanh", "C3", "S4", "S4 tanh", "C5", "F6", "output"};

    private LeNet5() {
    }

    public static MultiLayerConfiguration configuration(long seed, DataType dataType, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).name("C1").nOut(6).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("S2").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ActivationLayer.Builder().name("S2 tanh").activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C3").nOut(16).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("S4").kernelSize(2, 2).stride(2, 2).build())
                .layer(new ActivationLayer.Builder().name("S4 tanh").activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(5, 5).name("C5").nOut(120).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("F6").nOut(84).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).name("output")
                        .nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 1))
                .build();
    }

    /**
     * The paper's C3 connection table: which of the six S2 maps each of the 16 C3 maps reads
     * (maps 0-5 read 3 contiguous maps, 6-11 read 4 contiguous, 12-14 read 4 non-contiguous,
     * 15 reads all 6): 60 connections instead of 96.
     */
    public static final int[][] C3_CONNECTIONS = {
            {0, 1, 2}, {1, 2, 3}, {2, 3, 4}, {3, 4, 5}, {4, 5, 0}, {5, 0, 1},
            {0, 1, 2, 3}, {1, 2, 3, 4}, {2, 3, 4, 5}, {3, 4, 5, 0}, {4, 5, 0, 1}, {5, 0, 1, 2},
            {0, 1, 3, 4}, {1, 2, 4, 5}, {0, 2, 3, 5},
            {0, 1, 2, 3, 4, 5}};

    /** C3's trainable parameters with the paper's partial table: 25 weights per connection plus 16 biases. */
    public static int partialC3Params() {
        int connections = 0;
        for (int[] c : C3_CONNECTIONS) {
            connections += c.length;
        }
        return connections * 25 + 16;
    }
}
