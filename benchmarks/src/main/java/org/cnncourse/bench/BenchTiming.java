package org.cnncourse.bench;

import java.util.Arrays;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** What the benchmarks share: batches read into memory before timing, and timed rounds after a warm-up. */
final class BenchTiming {
    private BenchTiming() {
    }

    /** The first {@code count} training batches in the order the seed shuffles them, so that timing sees no I/O. */
    static DataSet[] firstBatches(ImageSet set, int batchSize, int count, long seed) {
        DataSetIterator it = Pipelines.iterator(set, PipelineOptions.training(batchSize, seed).withPrefetch(0));
        DataSet[] data = new DataSet[count];
        for (int i = 0; i < count; i++) {
            data[i] = it.next();
        }
        return data;
    }

    /**
     * Untimed warm-up rounds for at least {@code warmUpSeconds} (at least one round), then
     * {@code rounds} timed ones: the images per second of each. The warm-up lets the JIT compile
     * the hot loops of the by-hand engine (its first 2,000 images run at half speed) and lets
     * DL4J size its workspaces.
     */
    static double[] rounds(Runnable round, int rounds, double imagesPerRound, double warmUpSeconds) {
        warmUp(round, warmUpSeconds);
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            round.run();
            rates[r] = imagesPerRound / ((System.nanoTime() - t0) / 1e9);
        }
        return rates;
    }

    /** Runs {@code step} untimed for at least {@code seconds}, and at least once. */
    static void warmUp(Runnable step, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        do {
            step.run();
        } while (System.nanoTime() < end);
    }

    static double median(double[] r) {
        double[] s = r.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
