package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A DL4J MultiLayerNetwork or ComputationGraph for the {@link TrainingLoop}. */
public final class Dl4jTrainable implements Dl4jTraining {
    private Model net;

    public Dl4jTrainable(Model net) {
        this.net = Networks.require(net);
    }

    @Override
    public Model model() {
        return net;
    }

    /** The network, when it is a MultiLayerNetwork. */
    public MultiLayerNetwork network() {
        return (MultiLayerNetwork) net;
    }

    @Override
    public double fitBatch(DataSet batch) {
        Networks.fit(net, batch);
        return net.score();
    }

    @Override
    public double accuracy(DataSetIterator data) {
        Evaluation e = new Evaluation();
        Networks.evaluate(net, data, e);
        return e.accuracy();
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        org.cnncourse.data.AtomicFiles.write(dir.resolve("dl4j-checkpoint.zip"),
                tmp -> ModelSerializer.writeModel(net, tmp.toFile(), true));
    }

    @Override
    public void loadCheckpoint(Path dir) throws IOException {
        java.io.File f = dir.resolve("dl4j-checkpoint.zip").toFile();
        try {
            net = Networks.restore(f, Networks.isGraph(net));
        } catch (IOException | RuntimeException e) {
            throw new IOException(f + ": not a readable DL4J checkpoint (" + e.getMessage() + ")", e);
        }
    }
}
