package org.cnncourse.lessons.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.cnncourse.scratch.Affine;
import org.cnncourse.scratch.Convolution;
import org.cnncourse.scratch.Layer;
import org.cnncourse.scratch.LocalResponseNormalization;
import org.cnncourse.scratch.Pooling;
import org.cnncourse.scratch.Relu;
import org.cnncourse.scratch.Sequential;
import org.cnncourse.scratch.SizeRule;
import org.cnncourse.scratch.SoftmaxWithLoss;
import org.cnncourse.scratch.Tanh;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J MultiLayerNetwork of convolution, pooling, LRN, dense and softmax-output layers, and
 * the same network by hand as a {@link Sequential} holding copies of its parameters (the
 * by-hand chain has its activations as separate layers, so layer indices differ: see
 * {@link Converted#byHandIndex}).
 */
public final class SequentialBridge {
    private SequentialBridge() {
    }

    /** The by-hand network and, for each DL4J layer with parameters, its index in the by-hand chain. */
    public record Converted(Sequential byHand, Map<Integer, Integer> byHandIndex) {
    }

    public static Converted byHandCopy(MultiLayerNetwork net) {
        List<Layer> layers = new ArrayList<>();
        Map<Integer, Integer> index = new TreeMap<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.api.Layer l = net.getLayer(i);
            Object conf = l.conf().getLayer();
            if (conf instanceof ConvolutionLayer c) {
                index.put(i, layers.size());
                layers.add(new Convolution(Tensors.fromNd(l.getParam("W")), bias(l), c.getStride()[0], c.getStride()[1],
                        c.getPadding()[0], c.getPadding()[1], SizeRule.TRUNCATE));
                addActivation(layers, c.getActivationFn());
            } else if (conf instanceof SubsamplingLayer s) {
                layers.add(new Pooling(s.getPoolingType() == PoolingType.MAX ? Pooling.Type.MAX : Pooling.Type.AVG,
                        s.getKernelSize()[0], s.getKernelSize()[1], s.getStride()[0], s.getStride()[1],
                        s.getPadding()[0], s.getPadding()[1], SizeRule.TRUNCATE, s.isAvgPoolIncludePadInDivisor()));
            } else if (conf instanceof org.deeplearning4j.nn.conf.layers.LocalResponseNormalization n) {
                layers.add(new LocalResponseNormalization(n.getK(), (int) n.getN(), n.getAlpha(), n.getBeta()));
            } else if (conf instanceof BaseLayer b) {
                index.put(i, layers.size());
                layers.add(new Affine(Tensors.fromNd(l.getParam("W")), bias(l)));
                if (!(conf instanceof OutputLayer)) {
                    addActivation(layers, b.getActivationFn());
                }
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + conf.getClass().getSimpleName()
                        + ") has no by-hand counterpart here");
            }
        }
        return new Converted(new Sequential(layers, 0.0), index);
    }

    private static Tensor bias(org.deeplearning4j.nn.api.Layer l) {
        Tensor b = Tensors.fromNd(l.getParam("b"));
        return b.reshape(b.size());
    }

    private static void addActivation(List<Layer> layers, IActivation fn) {
        String name = fn.toString().toLowerCase(java.util.Locale.ROOT);
        if (name.contains("relu")) {
            layers.add(new Relu());
        } else if (name.contains("tanh")) {
            layers.add(new Tanh());
        } else if (!name.contains("identity")) {
            throw new IllegalArgumentException("activation " + fn + " has no by-hand counterpart here");
        }
    }

    /**
     * Softmax, loss, dL/dx and the parameter gradients of DL4J layers accepted by
     * {@code compareWithDl4j}, by hand vs DL4J (DL4J's gradients divided by the batch size).
     */
    public static List<Comparison> endToEnd(MultiLayerNetwork net, Converted c, Tensor x, int[] labels, int classes,
                                            IntPredicate compareWithDl4j, boolean compareInputGradient) {
        Sequential mine = c.byHand();
        INDArray y = SimpleConvNetBridge.oneHot(labels, classes);
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("softmax", SoftmaxWithLoss.softmax(mine.predict(x)), Tensors.fromNd(net.output(Tensors.toNd(x))), tol));
        Map<String, Tensor> grads = mine.gradient(x, labels);
        net.setInput(Tensors.toNd(x));
        net.setLabels(y);
        net.computeGradientAndScore();
        out.add(Comparison.of("loss", Tensor.of(new double[] {mine.lastLoss()}, 1), Tensor.of(new double[] {net.score()}, 1), tol));
        Pair<Gradient, INDArray> g = net.calculateGradients(Tensors.toNd(x), y, null, null);
        if (compareInputGradient) {
            out.add(Comparison.of("dL/dx", mine.inputGradient(), Tensors.fromNd(g.getSecond().div(labels.length)), tol));
        }
        for (Map.Entry<Integer, Integer> e : c.byHandIndex().entrySet()) {
            if (!compareWithDl4j.test(e.getKey())) {
                continue;
            }
            String name = net.getLayer(e.getKey()).conf().getLayer().getLayerName();
            for (String p : new String[] {"W", "b"}) {
                Tensor m = grads.get(e.getValue() + "_" + p);
                Tensor t = Tensors.fromNd(g.getFirst().getGradientFor(e.getKey() + "_" + p).div(labels.length)).reshape(m.shape());
                out.add(Comparison.of(name + " dL/d" + p, m, t, tol));
            }
        }
        return out;
    }

    /**
     * Every parameter of a DL4J network by layer name, "C1_W", "C1_b", ... (biases as vectors):
     * what a hand-written network with the same layer names takes, so that the copy checks the
     * names and shapes and nothing of the architecture comes from DL4J.
     */
    public static Map<String, Tensor> paramsByName(MultiLayerNetwork net) {
        Map<String, Tensor> params = new java.util.LinkedHashMap<>();
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            for (String key : l.paramTable().keySet()) {
                Tensor t = Tensors.fromNd(l.getParam(key));
                params.put(l.conf().getLayer().getLayerName() + "_" + key, key.equals("b") ? t.reshape(t.size()) : t);
            }
        }
        return params;
    }

    /**
     * Softmax, loss, dL/dx and every parameter gradient of a hand-written network against DL4J's
     * (DL4J's gradients divided by the batch size), each parameter matched by layer name.
     */
    public static List<Comparison> endToEndByName(MultiLayerNetwork net, Sequential mine, Tensor x, int[] labels, int classes) {
        INDArray y = SimpleConvNetBridge.oneHot(labels, classes);
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("softmax", SoftmaxWithLoss.softmax(mine.predict(x)), Tensors.fromNd(net.output(Tensors.toNd(x))), tol));
        Map<String, Tensor> grads = mine.gradient(x, labels);
        net.setInput(Tensors.toNd(x));
        net.setLabels(y);
        net.computeGradientAndScore();
        out.add(Comparison.of("loss", Tensor.of(new double[] {mine.lastLoss()}, 1), Tensor.of(new double[] {net.score()}, 1), tol));
        Pair<Gradient, INDArray> g = net.calculateGradients(Tensors.toNd(x), y, null, null);
        out.add(Comparison.of("dL/dx", mine.inputGradient(), Tensors.fromNd(g.getSecond().div(labels.length)), tol));
        for (int i = 0; i < net.getnLayers(); i++) {
            String name = net.getLayer(i).conf().getLayer().getLayerName();
            for (String p : net.getLayer(i).paramTable().keySet()) {
                Tensor m = grads.get(name + "_" + p);
                if (m == null) {
                    throw new IllegalArgumentException("DL4J layer " + name + " has parameter " + p
                            + " but the hand-written network has no " + name + "_" + p + "; it has " + grads.keySet());
                }
                Tensor t = Tensors.fromNd(g.getFirst().getGradientFor(i + "_" + p).div(labels.length)).reshape(m.shape());
                out.add(Comparison.of(name + " dL/d" + p, m, t, tol));
            }
        }
        return out;
    }
}
