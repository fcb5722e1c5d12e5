package org.cnncourse.lessons.support;

import java.util.Map;
import java.util.Random;
import org.cnncourse.scratch.Graph;
import org.cnncourse.scratch.NumericalGradient;
import org.cnncourse.scratch.Tensor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A by-hand {@link Graph} and a DL4J ComputationGraph whose nodes have the same names: the
 * same output and parameter gradients for the same input and upstream gradient. The DL4J graph
 * must be built without workspaces (forward and backward are separate calls here).
 */
public final class GraphComparison {
    private GraphComparison() {
    }

    /** Copies every by-hand parameter "node_name" that the DL4J graph also has into it. */
    public static void copyParams(Graph byHand, ComputationGraph dl4j) {
        for (Map.Entry<String, Tensor> e : byHand.params().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            String node = key.substring(0, cut), param = key.substring(cut + 1);
            org.deeplearning4j.nn.api.Layer layer = dl4j.getLayer(node);
            if (layer != null && layer.paramTable().containsKey(param)) {
                Dl4jLayers.copyInto(layer, param, e.getValue());
            }
        }
    }

    /**
     * The DL4J graph's parameters for every parameter the hand-written blueprint names, in the
     * blueprint's shapes; a name the DL4J graph lacks, or a DL4J layer with weights the blueprint
     * lacks, is an error that names it. Nothing of the blueprint comes from DL4J but the numbers.
     */
    public static Map<String, Tensor> paramsFor(org.cnncourse.scratch.Blueprint blueprint, org.deeplearning4j.nn.api.Model dl4j) {
        Map<String, INDArray> theirs = byName(dl4j);
        Map<String, Tensor> params = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : blueprint.parameterShapes().entrySet()) {
            INDArray p = theirs.get(e.getKey());
            if (p == null) {
                throw new IllegalArgumentException("the hand-written network has " + e.getKey() + " but the DL4J graph does not;"
                        + " its parameters are " + theirs.keySet());
            }
            params.put(e.getKey(), Tensors.fromNd(p).reshape(e.getValue()));
        }
        for (String key : theirs.keySet()) {
            if (key.endsWith("_W") && !params.containsKey(key)) {
                throw new IllegalArgumentException("the DL4J graph has " + key + " but the hand-written network does not");
            }
        }
        return params;
    }

    public static ComparisonReport compare(Graph byHand, ComputationGraph dl4j, int[] inputShape, String name, long seed) {
        Random r = new Random(seed + 100);
        Tensor x = Tensor.uniform(r, inputShape);
        Tensor out = byHand.forward(x);
        Tensor dout = Tensor.uniform(r, out.shape());
        Tensor dx = byHand.backward(dout);
        Map<String, Tensor> grads = byHand.grads();

        INDArray dl4jOut = dl4j.feedForward(new INDArray[] {Tensors.toNd(x)}, true, false)
                .get(dl4j.getConfiguration().getNetworkOutputs().get(0));
        Gradient g = dl4j.backpropGradient(Tensors.toNd(dout));
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        ComparisonReport report = new ComparisonReport(name).add(Comparison.of("output", out, Tensors.fromNd(dl4jOut), tol));
        for (Map.Entry<String, Tensor> e : grads.entrySet()) {
            INDArray theirs = g.getGradientFor(e.getKey());
            if (theirs == null) {
                throw new IllegalArgumentException("the hand-written graph has " + e.getKey() + " but DL4J gives no gradient for it");
            }
            report.add(Comparison.of("dL/d" + e.getKey(), e.getValue(), Tensors.fromNd(theirs).reshape(e.getValue().shape()), tol));
        }
        Tensor numerical = NumericalGradient.of(() -> byHand.forward(x).dot(dout), x, 1e-5);
        report.add(Comparison.between("dL/dx", "numerical", numerical, "by hand", dx, 1e-6));
        return report;
    }

    /**
     * A whole network end to end: the hand-written graph (its last node the class scores) with a
     * softmax-with-loss, against a DL4J graph ending in a softmax OutputLayer, on the same images
     * and labels: the softmax, the loss, and every parameter gradient (DL4J's divided by the batch
     * size), each parameter matched by name.
     */
    public static java.util.List<Comparison> endToEnd(org.deeplearning4j.nn.api.Model net, Graph mine, Tensor x, int[] labels,
                                                      int classes) {
        return endToEnd(net, mine, x, labels, classes, parameter -> Dl4jPrecision.DOUBLE_TOLERANCE);
    }

    /** The same, each parameter's gradient held to the tolerance {@code toleranceOf} gives for its name. */
    public static java.util.List<Comparison> endToEnd(org.deeplearning4j.nn.api.Model net, Graph mine, Tensor x, int[] labels,
                                                      int classes, java.util.function.ToDoubleFunction<String> toleranceOf) {
        double tol = Dl4jPrecision.DOUBLE_TOLERANCE;
        org.cnncourse.scratch.SoftmaxWithLoss loss = new org.cnncourse.scratch.SoftmaxWithLoss(0.0);
        Tensor scores = mine.forward(x);
        double myLoss = loss.forward(scores, labels);
        mine.backward(loss.backward());
        Map<String, Tensor> grads = mine.grads();
        INDArray y = SimpleConvNetBridge.oneHot(labels, classes);
        java.util.List<Comparison> out = new java.util.ArrayList<>();
        Map<String, String> keys = gradientKeys(net);
        Gradient g;
        if (org.cnncourse.models.Networks.isGraph(net)) {
            ComputationGraph cg = (ComputationGraph) net;
            out.add(Comparison.of("softmax", org.cnncourse.scratch.SoftmaxWithLoss.softmax(scores),
                    Tensors.fromNd(cg.outputSingle(true, Tensors.toNd(x))), tol));
            cg.setInputs(Tensors.toNd(x));
            cg.setLabels(y);
            cg.computeGradientAndScore();
        } else {
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork mln = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) net;
            out.add(Comparison.of("softmax", org.cnncourse.scratch.SoftmaxWithLoss.softmax(scores),
                    Tensors.fromNd(mln.output(Tensors.toNd(x), true)), tol));
            mln.setInput(Tensors.toNd(x));
            mln.setLabels(y);
            mln.computeGradientAndScore();
        }
        g = net.gradient();
        out.add(Comparison.of("loss", Tensor.of(new double[] {myLoss}, 1), Tensor.of(new double[] {net.score()}, 1), tol));
        for (Map.Entry<String, Tensor> e : grads.entrySet()) {
            INDArray theirs = keys.containsKey(e.getKey()) ? g.getGradientFor(keys.get(e.getKey())) : null;
            if (theirs == null) {
                throw new IllegalArgumentException("the hand-written graph has " + e.getKey() + " but DL4J gives no gradient for it");
            }
            out.add(Comparison.of("dL/d" + e.getKey(), e.getValue(),
                    Tensors.fromNd(theirs.div(labels.length)).reshape(e.getValue().shape()), toleranceOf.applyAsDouble(e.getKey())));
        }
        return out;
    }

    /**
     * A course network end to end in double precision: its DL4J configuration (either kind), made
     * double, without workspaces and without dropout (random in training mode), against the
     * hand-written blueprint given DL4J's initial weights by name, on three random 28x28 images.
     */
    public static java.util.List<Comparison> compactEndToEnd(Object dl4jConfiguration, org.cnncourse.scratch.Blueprint blueprint,
                                                             long seed, java.util.function.ToDoubleFunction<String> toleranceOf) {
        Dl4jPrecision.useDouble();
        org.deeplearning4j.nn.api.Model dl4j;
        if (dl4jConfiguration instanceof org.deeplearning4j.nn.conf.MultiLayerConfiguration conf) {
            conf.setDataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            conf.getConfs().forEach(GraphComparison::withoutDropout);
            var net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(conf);
            net.init();
            dl4j = net;
        } else {
            var conf = (org.deeplearning4j.nn.conf.ComputationGraphConfiguration) dl4jConfiguration;
            conf.setDataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
            conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
            conf.getVertices().values().forEach(v -> {
                if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) {
                    withoutDropout(lv.getLayerConf());
                }
            });
            var net = new ComputationGraph(conf);
            net.init();
            dl4j = net;
        }
        Graph byHand = blueprint.graph(paramsFor(blueprint, dl4j));
        Tensor x = Tensor.uniform(new Random(seed), 3, 1, 28, 28);
        return endToEnd(dl4j, byHand, x, new int[] {0, 4, 9}, 10, toleranceOf);
    }

    private static void withoutDropout(org.deeplearning4j.nn.conf.NeuralNetConfiguration layer) {
        if (layer.getLayer() instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base) {
            base.setIDropout(null);
        }
    }

    /** A DL4J network's parameters by layer name ("conv1_W"), for either kind of network. */
    private static Map<String, INDArray> byName(org.deeplearning4j.nn.api.Model net) {
        Map<String, INDArray> params = new java.util.LinkedHashMap<>();
        if (org.cnncourse.models.Networks.isGraph(net)) {
            params.putAll(((ComputationGraph) net).paramTable());
        } else {
            for (org.deeplearning4j.nn.api.Layer l : ((org.deeplearning4j.nn.multilayer.MultiLayerNetwork) net).getLayers()) {
                l.paramTable().forEach((key, value) -> params.put(l.conf().getLayer().getLayerName() + "_" + key, value));
            }
        }
        return params;
    }

    /** For each "layerName_param", the key DL4J's Gradient uses: the same in a graph, "index_param" in a chain. */
    private static Map<String, String> gradientKeys(org.deeplearning4j.nn.api.Model net) {
        Map<String, String> keys = new java.util.HashMap<>();
        if (org.cnncourse.models.Networks.isGraph(net)) {
            ((ComputationGraph) net).paramTable().keySet().forEach(k -> keys.put(k, k));
        } else {
            org.deeplearning4j.nn.api.Layer[] layers = ((org.deeplearning4j.nn.multilayer.MultiLayerNetwork) net).getLayers();
            for (int i = 0; i < layers.length; i++) {
                String name = layers[i].conf().getLayer().getLayerName();
                for (String key : layers[i].paramTable().keySet()) {
                    keys.put(name + "_" + key, i + "_" + key);
                }
            }
        }
        return keys;
    }
}
