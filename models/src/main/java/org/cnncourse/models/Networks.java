package org.cnncourse.models;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * What the course does with a DL4J network of either kind, a MultiLayerNetwork (a chain: the
 * SimpleConvNet, LeNet-5, the compact AlexNet and VGG) or a ComputationGraph (inception, ResNet),
 * asked in one place: the two classes share no interface for these.
 */
public final class Networks {
    private Networks() {
    }

    /** The network itself, or a clear error when it is neither kind. */
    public static Model require(Model net) {
        if (!(net instanceof MultiLayerNetwork) && !(net instanceof ComputationGraph)) {
            throw new IllegalArgumentException("a MultiLayerNetwork or a ComputationGraph, not "
                    + (net == null ? "null" : net.getClass().getName()));
        }
        return net;
    }

    public static boolean isGraph(Model net) {
        return require(net) instanceof ComputationGraph;
    }

    /** Inference on one input array: the class probabilities, shape (N, classes). */
    public static INDArray output(Model net, INDArray input) {
        return isGraph(net) ? ((ComputationGraph) net).outputSingle(input) : ((MultiLayerNetwork) net).output(input);
    }

    /** One training step on one batch. */
    public static void fit(Model net, DataSet batch) {
        if (isGraph(net)) {
            ((ComputationGraph) net).fit(batch);
        } else {
            ((MultiLayerNetwork) net).fit(batch);
        }
    }

    /** Runs the evaluations over the data, in inference mode. */
    @SafeVarargs
    public static <T extends IEvaluation> void evaluate(Model net, DataSetIterator data, T... evaluations) {
        if (isGraph(net)) {
            ((ComputationGraph) net).doEvaluation(data, evaluations);
        } else {
            ((MultiLayerNetwork) net).doEvaluation(data, evaluations);
        }
    }

    public static Layer[] layers(Model net) {
        return isGraph(net) ? ((ComputationGraph) net).getLayers() : ((MultiLayerNetwork) net).getLayers();
    }

    public static void setLearningRate(Model net, ISchedule schedule) {
        if (isGraph(net)) {
            ((ComputationGraph) net).setLearningRate(schedule);
        } else {
            ((MultiLayerNetwork) net).setLearningRate(schedule);
        }
    }

    /**
     * Replaces the updater of every layer with parameters (the course's networks are built with
     * Adam) by copies of this one, and starts the updater state afresh. Call it before the first
     * step and before {@link #setLearningRate}, which keeps the updater's kind and sets its rate.
     */
    public static void setUpdater(Model net, IUpdater updater) {
        for (Layer layer : layers(net)) {
            if (layer.conf().getLayer() instanceof BaseLayer withParameters) {
                withParameters.setIUpdater(updater.clone());
            }
        }
        // The state array is sized for the updater it was made for (Adam keeps two numbers a parameter).
        if (isGraph(net)) {
            ComputationGraph graph = (ComputationGraph) net;
            graph.setUpdater(new org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater(graph));
        } else {
            MultiLayerNetwork chain = (MultiLayerNetwork) net;
            chain.setUpdater(new org.deeplearning4j.nn.updater.MultiLayerUpdater(chain));
        }
    }

    /**
     * Decoupled weight decay on every weight array (convolutions and fully connected layers; not
     * biases, and not batch normalisation, which DL4J never regularises): after each update the
     * weights shrink by learning rate x coefficient of themselves, as AdamW does (for plain SGD the
     * same as an L2 penalty of that coefficient). 0 removes it.
     */
    public static void setWeightDecay(Model net, double coefficient) {
        if (!(coefficient >= 0) || !Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("the weight decay coefficient must be 0 or positive, not " + coefficient);
        }
        List<Regularization> decay = coefficient == 0 ? List.of() : List.of(new WeightDecay(coefficient, true));
        for (Layer layer : layers(net)) {
            if (layer.conf().getLayer() instanceof BaseLayer weighted) {
                weighted.setRegularization(new java.util.ArrayList<>(decay));
            }
        }
    }

    /** A network saved with its updater state, of the given kind. */
    public static Model restore(File file, boolean graph) throws IOException {
        return graph ? ModelSerializer.restoreComputationGraph(file, true) : ModelSerializer.restoreMultiLayerNetwork(file, true);
    }

    /**
     * Layers with weights ("W": convolutions and fully connected layers, not batch normalisation)
     * on the longest path from the input to the output, as the papers count depth.
     */
    public static int depth(Model net) {
        if (!isGraph(net)) {
            int depth = 0;
            for (Layer l : layers(net)) {
                depth += l.paramTable().containsKey("W") ? 1 : 0;
            }
            return depth;
        }
        ComputationGraph graph = (ComputationGraph) net;
        var conf = graph.getConfiguration();
        java.util.Map<String, Integer> deepest = new java.util.HashMap<>();
        for (String in : conf.getNetworkInputs()) {
            deepest.put(in, 0);
        }
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (deepest.containsKey(name)) {
                continue;
            }
            int before = 0;
            for (String from : conf.getVertexInputs().get(name)) {
                before = Math.max(before, deepest.get(from));
            }
            Layer layer = graph.getLayer(name);
            deepest.put(name, before + (layer != null && layer.paramTable().containsKey("W") ? 1 : 0));
        }
        return deepest.get(conf.getNetworkOutputs().get(0));
    }
}
