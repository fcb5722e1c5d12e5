package org.cnncourse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.models.Dl4jTrainable;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Peak memory of training each course network, each in a fresh JVM so that one network's peak
 * does not hide in another's: the heap used and committed, and the process's peak resident set
 * (everything: heap, ND4J's native arrays and workspaces, the native libraries, code, stacks).
 * ND4J allocates its arrays in C++, out of the JVM's and JavaCPP's sight, so the resident set is
 * the one figure that holds the off-heap memory; it is what the 2 GiB budget is checked on.
 */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Peak heap, off-heap (ND4J) and resident memory of training each course network for a few"
                + " batches, each network in its own JVM.")
final class MemoryBench implements Callable<Integer> {
    static final long LIMIT = 2L << 30;

    @Option(names = "--batches", defaultValue = "20", description = "Training batches per network (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--xmx", defaultValue = "2g", description = "Heap limit of each child JVM (default ${DEFAULT-VALUE}).")
    String xmx;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    @Option(names = "--child", hidden = true, description = "Measure this network in this JVM and print one line.")
    String child;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (child != null) {
            measure(child);
            return 0;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean allUnder = true;
        System.out.printf(Locale.ROOT, "Training %d batches of %d on Fashion-MNIST, one JVM per network (-Xmx%s), %s%n",
                batches, batchSize, xmx, BenchEnvironment.loadDescription());
        System.out.printf(Locale.ROOT, "%-16s %12s %14s %18s %14s %10s%n", "network", "parameters", "peak heap MiB",
                "heap committed MiB", "peak RSS MiB", "<= 2 GiB");
        for (String name : org.cnncourse.models.CourseNetworks.ALL.keySet()) {
            // The child loads the same native build with the same layer helpers as this JVM.
            List<String> cmd = List.of(java, "-Xmx" + xmx,
                    "-Dorg.bytedeco.javacpp.platform.extension=" + System.getProperty("org.bytedeco.javacpp.platform.extension", ""),
                    "-D" + org.deeplearning4j.config.DL4JSystemProperties.DISABLE_HELPER_PROPERTY + "="
                            + !org.cnncourse.models.Dl4jHelpers.oneDnnInUse(),
                    "-cp", System.getProperty("java.class.path"),
                    BenchMain.class.getName(), "memory", "--child", name, "--batches", String.valueOf(batches),
                    "--batch-size", String.valueOf(batchSize));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            String line = out.lines().filter(l -> l.startsWith("MEMORY ")).findFirst().orElse(null);
            if (code != 0 || line == null) {
                System.err.println("bench memory: measuring " + name + " failed (exit " + code + "):\n" + out);
                return 1;
            }
            String[] f = line.split(" ");
            long params = Long.parseLong(f[2]), heap = Long.parseLong(f[3]), committed = Long.parseLong(f[4]),
                    rss = Long.parseLong(f[5]);
            boolean under = rss <= LIMIT;
            allUnder &= under;
            System.out.printf(Locale.ROOT, "%-16s %,12d %14.0f %18.0f %14.0f %10s%n", name, params, mib(heap), mib(committed),
                    mib(rss), under ? "yes" : "NO");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("network", name);
            row.put("parameters", params);
            row.put("peakHeapBytes", heap);
            row.put("peakHeapCommittedBytes", committed);
            row.put("peakRssBytes", rss);
            rows.add(row);
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("environment", BenchEnvironment.describe());
            doc.put("batches", batches);
            doc.put("batchSize", batchSize);
            doc.put("xmx", xmx);
            doc.put("networks", rows);
            BenchJson.write(json, doc);
            BenchJson.printQuotedTable(json, "memory.json", DOC_START, DOC_END, MemoryBench::markdownTable);
        }
        System.out.println(allUnder ? "Every network trains within 2 GiB resident." : "Some network needs more than 2 GiB.");
        return allUnder ? 0 : 1;
    }

    /** Where docs/results.md quotes a run's table, between these two lines. */
    static final String DOC_START = "<!-- bench-memory -->", DOC_END = "<!-- /bench-memory -->";

    /** The Markdown table docs/results.md quotes, from a run's JSON. */
    static String markdownTable(com.fasterxml.jackson.databind.JsonNode doc) {
        StringBuilder t = new StringBuilder("| network | parameters | peak heap used | peak resident set (heap + ND4J's native"
                + " memory + code) | within 2 GiB |\n|---------|--:|--:|--:|:--:|\n");
        for (com.fasterxml.jackson.databind.JsonNode row : doc.get("networks")) {
            long rss = row.get("peakRssBytes").asLong();
            t.append(String.format(Locale.ROOT, "| %s | %,d | %,.0f MiB | %,.0f MiB | %s |%n", row.get("network").asText(),
                    row.get("parameters").asLong(), mib(row.get("peakHeapBytes").asLong()), mib(rss), rss <= LIMIT ? "yes" : "no"));
        }
        return t.toString();
    }

    private void measure(String name) throws IOException {
        org.cnncourse.models.CourseNetworks.Network arch = org.cnncourse.models.CourseNetworks.get(name);
        ImageSet train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        DataSetIterator it = Pipelines.iterator(train, arch.fitTo(PipelineOptions.training(batchSize, 1).withPrefetch(0), train));
        Dl4jTrainable net = new Dl4jTrainable(arch.build().apply(1));
        for (int i = 0; i < batches && it.hasNext(); i++) {
            net.fitBatch(it.next());
        }
        long heap = 0, committed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
                committed += pool.getPeakUsage().getCommitted();
            }
        }
        System.out.printf(Locale.ROOT, "MEMORY %s %d %d %d %d%n", name, net.model().numParams(), heap, committed, org.cnncourse.models.ProcessMemory.peakResidentBytes());
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
