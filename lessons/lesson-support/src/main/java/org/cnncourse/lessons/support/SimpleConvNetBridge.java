package org.cnncourse.lessons.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The SimpleConvNet in both worlds: DL4J's layers conv1, affine1 and affine2 hold the book's
 * W1/b1, W2/b2 and W3/b3 in the same layout, so they copy across as they are. Layers are found
 * by name, not by index: DL4J's keys count the layers without parameters too ("3_W" is W2).
 */
public final class SimpleConvNetBridge {
    /** The DL4J layer that holds each of the book's parameters. */
    public static final Map<String, String> DL4J_LAYERS = Map.of(
            "W1", "conv1", "b1", "conv1", "W2", "affine1", "b2", "affine1", "W3", "affine2", "b3", "affine2");

    private SimpleConvNetBridge() {
    }

    public static Dl4jSimpleConvNet.Shape shape(SimpleConvNet.Config c) {
        if (c.stride() != 1 || c.pad() != 0) {
            throw new IllegalArgumentException("the DL4J SimpleConvNet uses stride 1 and padding 0");
        }
        return new Dl4jSimpleConvNet.Shape(c.channels(), c.height(), c.width(), c.filters(), c.filterSize(), c.hidden(), c.classes());
    }

    /** A double-precision DL4J SimpleConvNet whose Adam takes the book's steps (epsilon 1e-7). */
    public static MultiLayerNetwork dl4j(SimpleConvNet.Config c, long seed, double learningRate) {
        Dl4jPrecision.useDouble();
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(shape(c), seed, DataType.DOUBLE,
                new Adam(learningRate, 0.9, 0.999, org.cnncourse.scratch.Optimizer.Adam.BOOK_EPSILON)));
        net.init();
        return net;
    }

    /** DL4J's flat-vector key of one of the book's parameters: layer index, '_', W or b ("3_W" for W2). */
    public static String dl4jKey(MultiLayerNetwork net, String bookName) {
        String layer = DL4J_LAYERS.get(bookName);
        if (layer == null) {
            throw new IllegalArgumentException("no SimpleConvNet parameter " + bookName + " (W1, b1, W2, b2, W3, b3)");
        }
        return net.getLayer(layer).getIndex() + "_" + bookName.charAt(0);
    }

    /** Copies of the DL4J network's parameters under the book's names and shapes. */
    public static Map<String, Tensor> params(MultiLayerNetwork net) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (String name : new String[] {"W1", "b1", "W2", "b2", "W3", "b3"}) {
            Tensor t = Tensors.fromNd(net.getParam(dl4jKey(net, name)));
            p.put(name, name.startsWith("b") ? t.reshape(t.size()) : t);
        }
        return p;
    }

    /** A by-hand network holding a copy of DL4J's parameters; {@code logDelta} 0 gives DL4J's exact loss. */
    public static SimpleConvNet byHandCopy(MultiLayerNetwork net,
                                                                 SimpleConvNet.Config c,
                                                                 double logDelta) {
        return new SimpleConvNet(c, params(net), logDelta);
    }

    public static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    /** DL4J's loss and gradients for a batch; gradients divided by N to be the mean, as the book's are. */
    public record LossAndGradients(double loss, Map<String, Tensor> gradients) {
    }

    public static LossAndGradients dl4jGradients(MultiLayerNetwork net, Tensor x, int[] labels) {
        net.setInput(Tensors.toNd(x));
        net.setLabels(oneHot(labels, net.layerSize(net.getnLayers() - 1)));
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : new String[] {"W1", "b1", "W2", "b2", "W3", "b3"}) {
            Tensor t = Tensors.fromNd(g.getGradientFor(dl4jKey(net, name)).div(labels.length));
            out.put(name, name.startsWith("b") ? t.reshape(t.size()) : t);
        }
        return new LossAndGradients(net.score(), out);
    }
}
