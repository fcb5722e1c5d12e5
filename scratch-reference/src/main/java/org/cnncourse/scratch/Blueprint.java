package org.cnncourse.scratch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A network written down before it has weights: named nodes in order, what each reads, the
 * shapes of its parameters, and how to make its layer once the parameters are there. From it
 * come the parameter count and the depth without allocating anything (so full-size GoogLeNet
 * and ResNet-152 can be counted), and, given parameters, a {@link Graph} that computes.
 *
 * <p>Depth is the number of layers with weights (convolutions and fully connected layers, not
 * batch normalisation) on the longest path from the input to the output, as the papers count
 * it: GoogLeNet's 22, ResNet-152's 152.
 */
public final class Blueprint {
    private record Node(String name, List<String> inputs, Map<String, int[]> shapes, boolean weighted,
                        Function<Map<String, Tensor>, Layer> layer, Merge merge) {
    }

    private final String input;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    public Blueprint(String inputName) {
        this.input = inputName;
    }

    private String add(Node node) {
        for (String from : node.inputs()) {
            if (!from.equals(input) && !nodes.containsKey(from)) {
                throw new IllegalArgumentException("Blueprint: '" + node.name() + "' reads '" + from
                        + "', which is not defined before it");
            }
        }
        if (nodes.containsKey(node.name()) || node.name().equals(input)) {
            throw new IllegalArgumentException("Blueprint: the name '" + node.name() + "' is used twice");
        }
        nodes.put(node.name(), node);
        return node.name();
    }

    /** A KxK convolution from {@code in} to {@code out} maps, with or without a bias. */
    public String conv(String name, String from, int in, int out, int k, int stride, int pad, SizeRule rule, boolean bias) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("W", new int[] {out, in, k, k});
        if (bias) {
            shapes.put("b", new int[] {out});
        }
        return add(new Node(name, List.of(from), shapes, true, p -> bias
                ? new Convolution(p.get(name + "_W"), p.get(name + "_b"), stride, stride, pad, pad, rule)
                : withoutBias(new Convolution(p.get(name + "_W"), Tensor.zeros(out), stride, stride, pad, pad, rule)), null));
    }

    /** A convolution whose bias stays 0 and is no parameter (ResNet's: batch normalisation follows, with its own shift). */
    private static Layer withoutBias(Convolution conv) {
        return new Layer() {
            @Override
            public Tensor forward(Tensor x) {
                return conv.forward(x);
            }

            @Override
            public Tensor backward(Tensor dout) {
                return conv.backward(dout);
            }

            @Override
            public Map<String, Tensor> params() {
                return Map.of("W", conv.weights());
            }

            @Override
            public Map<String, Tensor> grads() {
                return Map.of("W", conv.dW());
            }
        };
    }

    public String affine(String name, String from, int in, int out) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("W", new int[] {in, out});
        shapes.put("b", new int[] {out});
        return add(new Node(name, List.of(from), shapes, true, p -> new Affine(p.get(name + "_W"), p.get(name + "_b")), null));
    }

    /** Batch normalisation of {@code channels} maps: gamma and beta are learned (running statistics are not parameters). */
    public String batchNorm(String name, String from, int channels, double decay, double eps) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("gamma", new int[] {channels});
        shapes.put("beta", new int[] {channels});
        return add(new Node(name, List.of(from), shapes, false, p -> {
            BatchNormalization bn = new BatchNormalization(channels, decay, eps);
            System.arraycopy(p.get(name + "_gamma").data(), 0, bn.params().get("gamma").data(), 0, channels);
            System.arraycopy(p.get(name + "_beta").data(), 0, bn.params().get("beta").data(), 0, channels);
            return bn;
        }, null));
    }

    public String relu(String name, String from) {
        return add(new Node(name, List.of(from), Map.of(), false, p -> new Relu(), null));
    }

    public String pool(String name, String from, Pooling.Type type, int k, int stride, int pad, SizeRule rule) {
        return add(new Node(name, List.of(from), Map.of(), false,
                p -> new Pooling(type, k, k, stride, stride, pad, pad, rule, false), null));
    }

    /** The mean of each channel over all positions: (N, C, H, W) -> (N, C). */
    public String globalAveragePool(String name, String from) {
        return add(new Node(name, List.of(from), Map.of(), false, p -> new GlobalAveragePooling(), null));
    }

    public String lrn(String name, String from, double k, int n, double alpha, double beta) {
        return add(new Node(name, List.of(from), Map.of(), false, p -> new LocalResponseNormalization(k, n, alpha, beta), null));
    }

    /** Inception's concatenation along channels. */
    public String concat(String name, String... from) {
        return add(new Node(name, List.of(from), Map.of(), false, null, new Merge.Concat()));
    }

    /** ResNet's element-wise sum. */
    public String add(String name, String... from) {
        return add(new Node(name, List.of(from), Map.of(), false, null, new Merge.Add()));
    }

    /** Every parameter's shape, named "node_param" as DL4J's ComputationGraph names them ("conv1_W"). */
    public Map<String, int[]> parameterShapes() {
        Map<String, int[]> all = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            n.shapes().forEach((param, shape) -> all.put(n.name() + "_" + param, shape));
        }
        return all;
    }

    public long numParams() {
        return Architectures.count(parameterShapes());
    }

    /** Layers with weights on the longest path from the input to the last node. */
    public int depth() {
        Map<String, Integer> deepest = new HashMap<>();
        deepest.put(input, 0);
        String last = input;
        for (Node n : nodes.values()) {
            int before = 0;
            for (String from : n.inputs()) {
                before = Math.max(before, deepest.get(from));
            }
            deepest.put(n.name(), before + (n.weighted() ? 1 : 0));
            last = n.name();
        }
        return deepest.get(last);
    }

    /** The network that computes, around these parameters (used, not copied). */
    public Graph graph(Map<String, Tensor> params) {
        Architectures.requireShapes("Blueprint", parameterShapes(), params);
        Graph g = new Graph(input);
        for (Node n : nodes.values()) {
            if (n.merge() != null) {
                g.merge(n.name(), n.merge(), n.inputs().toArray(new String[0]));
            } else {
                g.layer(n.name(), n.layer().apply(params), n.inputs().get(0));
            }
        }
        return g;
    }

    /** Node names in order. */
    public List<String> names() {
        return new ArrayList<>(nodes.keySet());
    }
}
