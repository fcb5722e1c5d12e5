package org.cnncourse.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a benchmark figure depends on: CPU, its vector flags, cores, threads, and other load when it ran. */
final class BenchEnvironment {
    private BenchEnvironment() {
    }

    static String cpuModel() {
        return cpuinfoField("model name").orElse(System.getProperty("os.arch"));
    }

    /** The SIMD flags that matter for GEMM kernels. */
    static String vectorFlags() {
        String flags = cpuinfoField("flags").orElse("");
        return Stream.of(flags.split(" ")).filter(f -> f.equals("avx") || f.equals("avx2") || f.equals("fma")
                || f.equals("avx512f") || f.equals("avx512_bf16") || f.equals("avx512_vnni")).sorted()
                .collect(Collectors.joining(" "));
    }

    /** The 1-minute load average: about the number of cores other work held just before the run. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String loadDescription() {
        double l = loadAverage();
        return Double.isNaN(l) ? "unknown" : String.format(Locale.ROOT, "1-minute load average %.2f", l);
    }

    static String json() {
        return String.format(Locale.ROOT, "{\"cpu\": \"%s\", \"vectorFlags\": \"%s\", \"cores\": %d, \"ompNumThreads\": \"%s\","
                        + " \"loadAverage1m\": %.2f, \"java\": \"%s\"}", cpuModel().replace("\"", "'"), vectorFlags(),
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                loadAverage(), System.getProperty("java.version"));
    }

    private static java.util.Optional<String> cpuinfoField(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
