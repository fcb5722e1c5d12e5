package org.cnncourse.lessons.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cnncourse.scratch.Sequential;
import org.cnncourse.scratch.SoftmaxWithLoss;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J MultiLayerNetwork and a hand-written {@link Sequential} with the same layer names: the
 * DL4J parameters copied by name ({@link #paramsByName}), then the two compared end to end.
 * Nothing of the hand-written architecture comes from DL4J's configuration, so a layer missing,
 * added or misplaced on either side shows as a mismatch.
 */
public final class SequentialBridge {
    private SequentialBridge() {
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
    public static List<Comparison> endToEnd(MultiLayerNetwork net, Sequential mine, Tensor x, int[] labels, int classes) {
        return endToEnd(net, mine, x, labels, classes, layer -> true, true);
    }

    /** The same, comparing only the DL4J layers named as {@code compareWithDl4j} accepts, and dL/dx when asked. */
    public static List<Comparison> endToEnd(MultiLayerNetwork net, Sequential mine, Tensor x, int[] labels, int classes,
                                                  java.util.function.Predicate<String> compareWithDl4j,
                                                  boolean compareInputGradient) {
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
        for (int i = 0; i < net.getnLayers(); i++) {
            String name = net.getLayer(i).conf().getLayer().getLayerName();
            if (!compareWithDl4j.test(name)) {
                continue;
            }
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
