package org.cnncourse.lessons.support;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How many threads ND4J and its BLAS use, set in one place for the lessons and the benchmarks.
 *
 * <p>A lesson's training runs on one thread ({@link #onOne}): a float32 sum split over two
 * threads is added in another order than on one, training amplifies the difference, and the
 * lesson would print other accuracies under another OMP_NUM_THREADS. On one thread the same
 * seed gives the same printout whatever the thread setting.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    /** libnd4j's OpenMP threads, its thread limits and the BLAS threads, all to {@code n}. */
    public static void set(int n) {
        Nd4j.getBackend(); // loads the backend, whose properties NativeOpsHolder reads
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** Runs {@code work} on one thread and puts the previous thread counts back. */
    public static <T> T onOne(Supplier<T> work) {
        var env = Nd4j.getEnvironment();
        var blas = Nd4j.factory().blas();
        int threads = env.maxThreads(), masterThreads = env.maxMasterThreads(), blasThreads = blas.getMaxThreads();
        set(1);
        try {
            return work.get();
        } finally {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            env.setMaxThreads(threads);
            env.setMaxMasterThreads(masterThreads);
            blas.setMaxThreads(blasThreads);
        }
    }
}
