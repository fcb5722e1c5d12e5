package org.cnncourse.engine;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent loop iterations on several cores when there is enough work to pay for it. */
final class Parallel {
    /** Below this many multiply-adds one thread is faster than waking others. */
    static final long MIN_PARALLEL_WORK = 1L << 18;

    private Parallel() {
    }

    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static void forEach(int count, long totalWork, IntConsumer body) {
        if (count > 1 && totalWork >= MIN_PARALLEL_WORK && threads() > 1) {
            IntStream.range(0, count).parallel().forEach(body);
        } else {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        }
    }

    /**
     * Cuts [0, count) into one contiguous range per core, each a multiple of {@code align} long
     * (except the last), and runs them at once: fewer, larger tasks than {@link #forEach}, so
     * each thread can keep its own buffers and partial sums.
     *
     * @return the number of ranges used; range r is passed with its index to {@code body}
     */
    static int forRanges(int count, int align, long totalWork, RangeTask body) {
        int parts = totalWork >= MIN_PARALLEL_WORK ? Math.min(threads(), (count + align - 1) / align) : 1;
        if (parts <= 1) {
            body.run(0, 0, count);
            return 1;
        }
        int per = ((count + parts - 1) / parts + align - 1) / align * align;
        int used = (count + per - 1) / per;
        IntStream.range(0, used).parallel().forEach(r -> body.run(r, r * per, Math.min(count, (r + 1) * per)));
        return used;
    }

    /** The body of {@link #forRanges}: range number {@code part} covers [start, end). */
    @FunctionalInterface
    interface RangeTask {
        void run(int part, int start, int end);
    }
}
