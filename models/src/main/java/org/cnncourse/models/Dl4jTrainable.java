package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A DL4J MultiLayerNetwork for the {@link TrainingLoop}. */
public final class Dl4jTrainable implements Trainable {
    private MultiLayerNetwork net;

    public Dl4jTrainable(MultiLayerNetwork net) {
        this.net = net;
    }

    public MultiLayerNetwork network() {
        return net;
    }

    @Override
    public double fitBatch(DataSet batch) {
        net.fit(batch);
        return net.score();
    }

    @Override
    public double accuracy(DataSetIterator data) {
        Evaluation e = net.evaluate(data);
        return e.accuracy();
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        Path tmp = java.nio.file.Files.createTempFile(dir, ".checkpoint-", ".zip.tmp");
        try {
            ModelSerializer.writeModel(net, tmp.toFile(), true);
            java.nio.file.Files.move(tmp, dir.resolve("dl4j-checkpoint.zip"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void loadCheckpoint(Path dir) throws IOException {
        net = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("dl4j-checkpoint.zip").toFile(), true);
    }
}
