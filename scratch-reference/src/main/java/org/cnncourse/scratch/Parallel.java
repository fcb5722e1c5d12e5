package org.cnncourse.scratch;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent loop iterations on several cores when there is enough work to pay for it. */
final class Parallel {
    /** Below this many multiply-adds one thread is faster than waking others. */
    static final long MIN_PARALLEL_WORK = 1L << 18;

    private Parallel() {
    }

    static void forEach(int count, long totalWork, IntConsumer body) {
        if (count > 1 && totalWork >= MIN_PARALLEL_WORK && Runtime.getRuntime().availableProcessors() > 1) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
    }
}
