package org.cnncourse.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.cnncourse.models.Dl4jTrainable;
import org.cnncourse.models.Dl4jTraining;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A course network for the TrainingLoop whose epochs run on Spark: each epoch's batches (from
 * the same data-pipelines iterator as local training) become an RDD for the training master.
 * Accuracy, checkpoints and the model zip use the driver's copy of the network.
 */
public final class SparkTrainable implements Dl4jTraining {
    private final JavaSparkContext sc;
    private final SparkDl4jMultiLayer layers;
    private final SparkComputationGraph graph;
    private final int partitions;

    public SparkTrainable(JavaSparkContext sc, Model initial, TrainingMaster<?, ?> tm, int partitions) {
        this.sc = sc;
        this.partitions = partitions;
        if (org.cnncourse.models.Networks.isGraph(initial)) {
            graph = new SparkComputationGraph(sc, (ComputationGraph) initial, tm);
            layers = null;
        } else {
            layers = new SparkDl4jMultiLayer(sc, (MultiLayerNetwork) initial, tm);
            graph = null;
        }
    }

    /** The driver's copy of the network, as trained so far. */
    @Override
    public Model model() {
        return layers != null ? layers.getNetwork() : graph.getNetwork();
    }

    @Override
    public double fitBatch(DataSet batch) {
        fitList(List.of(batch));
        return lossOn(batch);
    }

    @Override
    public void fitEpoch(DataSetIterator batches, BatchListener listener) {
        List<DataSet> list = SparkTraining.collect(batches);
        fitList(list);
        // The loss of the epoch's last batch on the driver's network (gradient sharing reports none).
        double loss = lossOn(list.get(list.size() - 1));
        for (DataSet ds : list) {
            listener.batchDone(ds.numExamples(), loss);
        }
    }

    /** The driver's network's loss on one batch, without training. */
    private double lossOn(DataSet batch) {
        return layers != null ? layers.getNetwork().score(batch) : graph.getNetwork().score(batch);
    }

    private void fitList(List<DataSet> list) {
        var rdd = sc.parallelize(list, Math.min(partitions, list.size()));
        if (layers != null) {
            layers.fit(rdd);
        } else {
            graph.fit(rdd);
        }
    }

    @Override
    public double accuracy(DataSetIterator data) {
        return new Dl4jTrainable(model()).accuracy(data);
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        new Dl4jTrainable(model()).saveCheckpoint(dir);
    }

    @Override
    public void loadCheckpoint(Path dir) throws IOException {
        Dl4jTrainable d = new Dl4jTrainable(model());
        d.loadCheckpoint(dir);
        model().setParams(d.model().params());
    }
}
