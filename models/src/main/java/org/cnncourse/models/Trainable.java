package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A network the {@link TrainingLoop} can train: DL4J's, or the one written by hand. */
public interface Trainable {
    /** One optimiser step on the batch; returns the batch's mean loss before the step. */
    double fitBatch(DataSet batch);

    /** Told after each batch of an epoch: its number of examples and its loss. */
    @FunctionalInterface
    interface BatchListener {
        void batchDone(int examples, double loss);
    }

    /** Trains on every batch of {@code batches}, one step each, telling {@code listener} after each. */
    default void fitEpoch(DataSetIterator batches, BatchListener listener) {
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            listener.batchDone(ds.numExamples(), fitBatch(ds));
        }
    }

    /** Share of correctly classified examples. */
    double accuracy(DataSetIterator data);

    /** Writes everything needed to resume (parameters and optimiser state) into {@code dir}. */
    void saveCheckpoint(Path dir) throws IOException;

    /** Reads what {@link #saveCheckpoint} wrote. */
    void loadCheckpoint(Path dir) throws IOException;
}
