package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A DL4J network trained by DL4J's ParallelWrapper: {@code workers} replicas each take their own
 * batches, and their parameters (and updater state) are averaged every {@code averagingFrequency}
 * batches. On CPU each worker is one thread; with the CUDA backend, one GPU each.
 */
public final class ParallelDl4jTrainable implements Dl4jTraining {
    private final Dl4jTrainable single;
    private final int workers, averagingFrequency;

    public ParallelDl4jTrainable(Model net, int workers, int averagingFrequency) {
        if (workers < 2) {
            throw new IllegalArgumentException("ParallelWrapper needs at least 2 workers, got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averaging frequency must be >= 1 batch, got " + averagingFrequency);
        }
        this.single = new Dl4jTrainable(net);
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
    }

    @Override
    public Model model() {
        return single.model();
    }

    /** One step on one batch, without the replicas (ParallelWrapper works on whole iterators). */
    @Override
    public double fitBatch(DataSet batch) {
        return single.fitBatch(batch);
    }

    /** The whole epoch through ParallelWrapper; the loss reported is the main model's after the last averaging. */
    @Override
    public void fitEpoch(DataSetIterator batches, BatchListener listener) {
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(single.model()).workers(workers).prefetchBuffer(2 * workers)
                .averagingFrequency(averagingFrequency).averageUpdaters(true).reportScoreAfterAveraging(true).build();
        try {
            wrapper.fit(new Reporting(batches, listener, single.model()));
        } finally {
            wrapper.shutdown();
        }
    }

    @Override
    public double accuracy(DataSetIterator data) {
        return single.accuracy(data);
    }

    @Override
    public void saveCheckpoint(Path dir) throws IOException {
        single.saveCheckpoint(dir);
    }

    @Override
    public void loadCheckpoint(Path dir) throws IOException {
        single.loadCheckpoint(dir);
    }

    /** Passes batches through and tells the listener as each is handed to a worker. */
    private static final class Reporting implements DataSetIterator {
        private final DataSetIterator in;
        private final BatchListener listener;
        private final Model model;

        Reporting(DataSetIterator in, BatchListener listener, Model model) {
            this.in = in;
            this.listener = listener;
            this.model = model;
        }

        @Override
        public DataSet next(int num) {
            return report(in.next(num));
        }

        @Override
        public DataSet next() {
            return report(in.next());
        }

        private DataSet report(DataSet ds) {
            // The main model's score, as of the last averaging (0 before the first).
            listener.batchDone(ds.numExamples(), model.score());
            return ds;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public int inputColumns() {
            return in.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return in.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return in.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            in.reset();
        }

        @Override
        public int batch() {
            return in.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            in.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return in.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return in.getLabels();
        }
    }
}
