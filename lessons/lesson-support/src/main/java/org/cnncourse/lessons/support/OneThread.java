package org.cnncourse.lessons.support;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a lesson's training with ND4J and its BLAS on one thread. A float32 sum split over two
 * threads is added in another order than on one, training amplifies the difference, and the
 * lesson would print other accuracies under another OMP_NUM_THREADS. On one thread the same
 * seed gives the same printout whatever the thread setting (a CPU with other float kernels
 * may still round differently).
 */
public final class OneThread {
    private OneThread() {
    }

    public static <T> T run(Supplier<T> work) {
        var env = Nd4j.getEnvironment();
        var blas = Nd4j.factory().blas();
        int threads = env.maxThreads(), masterThreads = env.maxMasterThreads(), blasThreads = blas.getMaxThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        blas.setMaxThreads(1);
        try {
            return work.get();
        } finally {
            env.setMaxThreads(threads);
            env.setMaxMasterThreads(masterThreads);
            blas.setMaxThreads(blasThreads);
        }
    }
}
