package org.cnncourse.bench;

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

    /** The environment as a JSON object's fields. */
    static java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("vectorFlags", vectorFlags());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("ompNumThreads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("openblasCoretype", System.getenv().getOrDefault("OPENBLAS_CORETYPE", "unset"));
        m.put("dnnlMaxCpuIsa", System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "unset"));
        m.put("oneDnnLayerHelpers", org.cnncourse.models.Dl4jHelpers.oneDnnInUse());
        double load = loadAverage();
        m.put("loadAverage1m", Double.isNaN(load) ? null : load);
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static java.util.Optional<String> cpuinfoField(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
