package org.cnncourse.lessons.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Single DL4J layers built from a case, in double precision, with the case's parameters copied in. */
public final class Dl4jLayers {
    private Dl4jLayers() {
    }

    /** A ConvolutionLayer (identity activation) holding the given filters W (FN, C, FH, FW) and bias b (FN). */
    public static MultiLayerNetwork convolution(ConvCase cc, Tensor weights, Tensor bias) {
        Dl4jPrecision.useDouble();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .convolutionMode(cc.mode())
                .list()
                .layer(new ConvolutionLayer.Builder(cc.fh(), cc.fw())
                        .name("conv")
                        .stride(cc.strideH(), cc.strideW())
                        .padding(cc.padH(), cc.padW())
                        .nIn(cc.c())
                        .nOut(cc.filters())
                        .activation(Activation.IDENTITY)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.initGradientsView(); // backpropGradient writes into this view
        copyInto(net.getLayer(0), "W", weights);
        copyInto(net.getLayer(0), "b", bias);
        return net;
    }

    /** A SubsamplingLayer; padded cells stay out of an average's divisor (DL4J's default). */
    public static MultiLayerNetwork pooling(PoolCase pc) {
        return pooling(pc, null);
    }

    /**
     * With an input shape (N, C, H, W), the configuration is given DL4J's InputType, which is
     * where DL4J checks pooling geometry: without it, a window larger than the input gives an
     * empty output and Strict truncates, both silently.
     */
    public static MultiLayerNetwork pooling(PoolCase pc, int[] inputShape) {
        Dl4jPrecision.useDouble();
        var builder = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .convolutionMode(pc.mode())
                .list()
                .layer(new SubsamplingLayer.Builder(pc.type() == Pooling.Type.MAX ? PoolingType.MAX : PoolingType.AVG)
                        .name("pool")
                        .kernelSize(pc.kh(), pc.kw())
                        .stride(pc.strideH(), pc.strideW())
                        .padding(pc.padH(), pc.padW())
                        .build());
        if (inputShape != null) {
            builder.setInputType(InputType.convolutional(inputShape[2], inputShape[3], inputShape[1]));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(builder.build());
        net.init();
        return net;
    }

    /**
     * Any one layer in a double-precision network told its (C, H, W) input, e.g. a
     * LocalResponseNormalization, BatchNormalization or DropoutLayer.
     */
    public static MultiLayerNetwork single(org.deeplearning4j.nn.conf.layers.Layer layer, int channels, int height, int width) {
        Dl4jPrecision.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new org.nd4j.linalg.learning.config.NoOp())
                .list()
                .layer(layer)
                .setInputType(InputType.convolutional(height, width, channels))
                .build());
        net.init();
        if (net.numParams() > 0) {
            net.initGradientsView();
        }
        return net;
    }

    /** Copies a by-hand parameter into the DL4J layer, in whatever shape DL4J keeps it (b is [1, FN]). */
    public static void copyInto(Layer layer, String key, Tensor value) {
        INDArray param = layer.getParam(key);
        if (param.length() != value.size()) {
            throw new IllegalArgumentException("parameter " + key + " of DL4J layer " + layer.conf().getLayer().getLayerName()
                    + " has " + param.length() + " values, the by-hand one has " + value.size());
        }
        param.assign(Tensors.toNd(value).reshape(param.shape()));
    }

    /** Forward in training mode, then backward with the given dL/d(output). */
    public static LayerPass forwardBackward(Layer layer, Tensor x, Tensor dout) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = layer.activate(Tensors.toNd(x), true, mgr);
        Tensor output = Tensors.fromNd(out);
        Pair<Gradient, INDArray> back = layer.backpropGradient(Tensors.toNd(dout), mgr);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : back.getFirst().gradientForVariable().entrySet()) {
            grads.put(e.getKey(), Tensors.fromNd(e.getValue()));
        }
        return new LayerPass(output, Tensors.fromNd(back.getSecond()), grads);
    }
}
