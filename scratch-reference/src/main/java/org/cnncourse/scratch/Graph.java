package org.cnncourse.scratch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small computation graph for Inception and ResNet: named nodes, each a layer with one input
 * or a merge with several, added in an order where inputs come first. Backward runs the nodes
 * in reverse and adds up the gradients of a node whose output feeds several others.
 */
public final class Graph {
    private record Node(String name, Layer layer, Merge merge, List<String> inputs) {
    }

    private final String input;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Tensor> values = new HashMap<>();
    private String output;

    public Graph(String inputName) {
        this.input = inputName;
    }

    public Graph layer(String name, Layer layer, String from) {
        check(name, List.of(from));
        nodes.put(name, new Node(name, layer, null, List.of(from)));
        output = name;
        return this;
    }

    public Graph merge(String name, Merge merge, String... from) {
        check(name, List.of(from));
        nodes.put(name, new Node(name, null, merge, List.of(from)));
        output = name;
        return this;
    }

    private void check(String name, List<String> from) {
        if (nodes.containsKey(name) || name.equals(input)) {
            throw new IllegalArgumentException("Graph: node name '" + name + "' is used twice");
        }
        for (String f : from) {
            if (!f.equals(input) && !nodes.containsKey(f)) {
                throw new IllegalArgumentException("Graph: node '" + name + "' reads '" + f + "', which is not defined before it");
            }
        }
    }

    /** The output of the last node added. */
    public Tensor forward(Tensor x) {
        values.clear();
        values.put(input, x);
        for (Node n : nodes.values()) {
            if (n.layer() != null) {
                values.put(n.name(), n.layer().forward(values.get(n.inputs().get(0))));
            } else {
                List<Tensor> in = new ArrayList<>();
                for (String f : n.inputs()) {
                    in.add(values.get(f));
                }
                values.put(n.name(), n.merge().forward(in));
            }
        }
        return values.get(output);
    }

    /** dL/d(input) for dL/d(output); parameter gradients stay in the layers. */
    public Tensor backward(Tensor dout) {
        Map<String, Tensor> grads = new HashMap<>();
        grads.put(output, dout);
        List<Node> order = new ArrayList<>(nodes.values());
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            Tensor g = grads.get(n.name());
            if (g == null) {
                continue; // nothing downstream uses this node
            }
            if (n.layer() != null) {
                accumulate(grads, n.inputs().get(0), n.layer().backward(g));
            } else {
                List<Tensor> parts = n.merge().backward(g);
                for (int j = 0; j < parts.size(); j++) {
                    accumulate(grads, n.inputs().get(j), parts.get(j));
                }
            }
        }
        return grads.get(input);
    }

    private static void accumulate(Map<String, Tensor> grads, String name, Tensor g) {
        Tensor have = grads.get(name);
        if (have == null) {
            grads.put(name, g.copy());
        } else {
            double[] h = have.data(), v = g.data();
            for (int i = 0; i < h.length; i++) {
                h[i] += v[i];
            }
        }
    }

    /** Parameters as "<node>_<name>", like DL4J's ComputationGraph ("conv1_W"). */
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            if (n.layer() != null) {
                for (Map.Entry<String, Tensor> e : n.layer().params().entrySet()) {
                    p.put(n.name() + "_" + e.getKey(), e.getValue());
                }
            }
        }
        return p;
    }

    public Map<String, Tensor> grads() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            if (n.layer() != null) {
                for (Map.Entry<String, Tensor> e : n.layer().grads().entrySet()) {
                    p.put(n.name() + "_" + e.getKey(), e.getValue());
                }
            }
        }
        return p;
    }
}
