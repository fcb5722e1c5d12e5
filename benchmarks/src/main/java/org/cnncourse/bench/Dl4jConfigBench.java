package org.cnncourse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.nativeblas.NativeOpsHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DL4J's knobs, one at a time from the out-of-the-box setting, measured on SimpleConvNet training:
 * threads, minibatch size, workspaces, cache mode, data type, the oneDNN helpers, and the ReLU as a
 * layer of its own; then the project's default configuration.
 */
@Command(name = "dl4j", mixinStandardHelpOptions = true,
        description = "SimpleConvNet training images/s under DL4J's configuration knobs (threads, batch size, workspaces,"
                + " cache mode, data type, oneDNN helpers), each against DL4J out of the box; median of timed rounds.")
final class Dl4jConfigBench implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "3000", description = "Images per timed round (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per setting (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "2", description = "Seconds of untimed rounds before each setting"
            + " (default ${DEFAULT-VALUE}; at least one round).")
    double warmUpSeconds;

    @Option(names = "--quick", description = "A smoke run: 200 images (one batch where the batch is larger), 1 round, one warm-up round.")
    boolean quick;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    /** One setting: DL4J's defaults except what is named. */
    record Setting(String name, int threads, int batchSize, WorkspaceMode workspaces, CacheMode cache, DataType dataType,
                   boolean helpers, boolean reluAsLayer) {
        Setting with(String n, int t, int b, WorkspaceMode w, CacheMode c, DataType d, boolean h) {
            return new Setting(n, t, b, w, c, d, h, false);
        }
    }

    /** The project's configuration, what ./cnn-course trains with: ReLU as its own layer, one OpenMP thread, oneDNN. */
    static final String PROJECT_DEFAULT = "project default";

    static List<Setting> settings(int cores) {
        // Out of the box: DL4J uses every core, workspaces on, no cache, float32, its layer helpers off (as M2.1 ships);
        // the course's batch of 100. The ReLU is set on the convolution, as most DL4J code writes it.
        Setting box = new Setting("out of the box", cores, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, false,
                false);
        List<Setting> s = new ArrayList<>();
        s.add(box);
        s.add(box.with("1 thread", 1, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, false));
        for (int b : new int[] {32, 50, 200, 500}) {
            s.add(box.with("batch " + b, cores, b, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, false));
        }
        s.add(box.with("workspaces off", cores, 100, WorkspaceMode.NONE, CacheMode.NONE, DataType.FLOAT, false));
        s.add(box.with("cache mode HOST", cores, 100, WorkspaceMode.ENABLED, CacheMode.HOST, DataType.FLOAT, false));
        s.add(box.with("cache mode DEVICE", cores, 100, WorkspaceMode.ENABLED, CacheMode.DEVICE, DataType.FLOAT, false));
        s.add(box.with("float64", cores, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.DOUBLE, false));
        s.add(box.with("oneDNN layer helpers on", cores, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, true));
        s.add(box.with("1 thread, batch 500", 1, 500, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, false));
        s.add(new Setting("ReLU as its own layer", cores, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, false,
                true));
        s.add(new Setting("ReLU layer, cache DEVICE", 1, 100, WorkspaceMode.ENABLED, CacheMode.DEVICE, DataType.FLOAT, false,
                true));
        s.add(new Setting(PROJECT_DEFAULT, 1, 100, WorkspaceMode.ENABLED, CacheMode.NONE, DataType.FLOAT, true, true));
        return s;
    }

    @Override
    public Integer call() throws IOException {
        if (quick) {
            images = 200;
            rounds = 1;
            warmUpSeconds = 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ImageSet train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        Map<Integer, DataSet[]> batches = new LinkedHashMap<>();
        List<Setting> settings = settings(cores);
        Map<Setting, double[]> rates = new LinkedHashMap<>();
        for (Setting s : settings) {
            DataSet[] data = batches.computeIfAbsent(s.batchSize(),
                    b -> BenchTiming.firstBatches(train, b, Math.max(1, images / b), 3));
            org.cnncourse.lessons.support.Nd4jThreads.set(s.threads());
            MultiLayerConfiguration conf = Dl4jSimpleConvNet.configuration(Dl4jSimpleConvNet.Shape.lecture(), 1, s.dataType(),
                    new Adam(Dl4jSimpleConvNet.LEARNING_RATE), s.reluAsLayer());
            conf.setTrainingWorkspaceMode(s.workspaces());
            conf.setInferenceWorkspaceMode(s.workspaces());
            conf.setCacheMode(s.cache());
            java.util.function.Supplier<MultiLayerNetwork> build = () -> {
                MultiLayerNetwork n = new MultiLayerNetwork(conf);
                n.init();
                return n;
            };
            MultiLayerNetwork net = s.helpers() ? build.get() : org.cnncourse.models.Dl4jHelpers.builtIn(build);
            DataSet[] typed = Arrays.stream(data).map(d -> new DataSet(d.getFeatures().castTo(s.dataType()),
                    d.getLabels().castTo(s.dataType()))).toArray(DataSet[]::new);
            double[] r = BenchTiming.rounds(() -> {
                for (DataSet ds : typed) {
                    net.fit(ds);
                }
            }, rounds, (double) typed.length * s.batchSize(), warmUpSeconds);
            rates.put(s, r);
            System.out.printf(Locale.ROOT, "  measured %-22s %8.0f img/s%n", s.name(), BenchTiming.median(r));
        }
        org.cnncourse.lessons.support.Nd4jThreads.set(cores);
        double box = BenchTiming.median(rates.get(settings.get(0)));
        System.out.printf(Locale.ROOT, "%nDL4J SimpleConvNet training, Fashion-MNIST, %d images x %d rounds after a warm-up;"
                + " %d cores, backend %s, %s load before the run%n", images, rounds, cores,
                Nd4j.getBackend().getClass().getSimpleName(), BenchEnvironment.loadDescription());
        System.out.printf(Locale.ROOT, "%-24s %7s %6s %10s %7s %6s %8s %8s %12s %8s %8s %9s%n", "setting", "threads", "batch",
                "workspaces", "cache", "type", "helpers", "ReLU", "median img/s", "min", "max", "vs box");
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (Map.Entry<Setting, double[]> e : rates.entrySet()) {
            Setting s = e.getKey();
            double[] r = e.getValue().clone();
            Arrays.sort(r);
            double m = BenchTiming.median(r);
            System.out.printf(Locale.ROOT, "%-24s %7d %6d %10s %7s %6s %8s %8s %12.0f %8.0f %8.0f %8.2fx%n", s.name(), s.threads(),
                    s.batchSize(), s.workspaces(), s.cache(), s.dataType(), s.helpers() ? "on" : "off",
                    s.reluAsLayer() ? "layer" : "in conv", m, r[0],
                    r[r.length - 1], m / box);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("setting", s.name());
            row.put("threads", s.threads());
            row.put("batch", s.batchSize());
            row.put("workspaces", String.valueOf(s.workspaces()));
            row.put("cache", String.valueOf(s.cache()));
            row.put("dataType", String.valueOf(s.dataType()));
            row.put("helpers", s.helpers());
            row.put("reluAsLayer", s.reluAsLayer());
            row.putAll(BenchJson.spread(e.getValue()));
            row.put("vsOutOfTheBox", m / box);
            rows.add(row);
        }
        if (json != null) {
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("environment", BenchEnvironment.describe());
            doc.put("settings", rows);
            BenchJson.write(json, doc);
            BenchJson.printQuotedTable(json, "dl4j.json", DOC_START, DOC_END, Dl4jConfigBench::markdownTable);
        }
        return 0;
    }

    /** Where docs/results.md quotes a run's table, between these two lines. */
    static final String DOC_START = "<!-- bench-dl4j -->", DOC_END = "<!-- /bench-dl4j -->";

    /** The Markdown table docs/results.md quotes, from a run's JSON: each setting, its median and its ratio to out of the box. */
    static String markdownTable(com.fasterxml.jackson.databind.JsonNode doc) {
        StringBuilder t = new StringBuilder("| setting | images/s (min-max) | vs out of the box |\n|---------|--:|--:|\n");
        for (com.fasterxml.jackson.databind.JsonNode row : doc.get("settings")) {
            t.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f-%,.0f) | %.2fx |%n", row.get("setting").asText(),
                    row.get("median").asDouble(), row.get("min").asDouble(), row.get("max").asDouble(),
                    row.get("vsOutOfTheBox").asDouble()));
        }
        return t.toString();
    }
}
