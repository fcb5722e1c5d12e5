package org.cnncourse.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chain of layers with a softmax-with-loss at the end, the book's MultiLayerNet for any
 * layers: parameters are named "<layer name>_<name>", the layer's name being its index unless
 * the layers were given names ("0_W" as in DL4J, or "C1_W").
 */
public final class Sequential {
    private final List<Layer> layers;
    private final List<String> names;
    private final SoftmaxWithLoss lastLayer;
    private double lastLoss = Double.NaN;

    public Sequential(List<Layer> layers, double logDelta) {
        this.layers = List.copyOf(layers);
        this.names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add(String.valueOf(i));
        }
        this.lastLayer = new SoftmaxWithLoss(logDelta);
    }

    /** Layers by name, in order; the parameters are then named "C1_W", "C1_b", ... */
    public Sequential(Map<String, Layer> namedLayers, double logDelta) {
        this.layers = List.copyOf(namedLayers.values());
        this.names = List.copyOf(namedLayers.keySet());
        this.lastLayer = new SoftmaxWithLoss(logDelta);
    }

    public Tensor predict(Tensor x) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h);
        }
        return h;
    }

    public double loss(Tensor x, int[] labels) {
        return lastLayer.forward(predict(x), labels);
    }

    /** Backpropagation through every layer; returns the gradients by parameter name and keeps dL/dx. */
    public Map<String, Tensor> gradient(Tensor x, int[] labels) {
        lastLoss = loss(x, labels);
        Tensor d = lastLayer.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
        inputGradient = d;
        return grads();
    }

    /** The parameter gradients of the last {@link #gradient} call, by parameter name. */
    public Map<String, Tensor> grads() {
        Map<String, Tensor> g = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> e : layers.get(i).grads().entrySet()) {
                g.put(names.get(i) + "_" + e.getKey(), e.getValue());
            }
        }
        return g;
    }

    private Tensor inputGradient;

    public Tensor inputGradient() {
        return inputGradient;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (Map.Entry<String, Tensor> e : layers.get(i).params().entrySet()) {
                p.put(names.get(i) + "_" + e.getKey(), e.getValue());
            }
        }
        return p;
    }

    public long numParams() {
        long n = 0;
        for (Tensor t : params().values()) {
            n += t.size();
        }
        return n;
    }

    public List<Layer> layers() {
        return new ArrayList<>(layers);
    }

    /** The layers' names, in order. */
    public List<String> names() {
        return List.copyOf(names);
    }

    /** Learnable parameters of one layer, by its name. */
    public long numParams(String layerName) {
        int i = names.indexOf(layerName);
        if (i < 0) {
            throw new IllegalArgumentException("no layer named " + layerName + "; the layers are " + names);
        }
        long n = 0;
        for (Tensor t : layers.get(i).params().values()) {
            n += t.size();
        }
        return n;
    }
}
