package org.cnncourse.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.models.CompactArchitectures;
import org.cnncourse.models.LeNet5;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * DL4J training speed of every course network, each three times in one run: out of the box (the
 * ReLU set on the convolution, as most DL4J code writes it; ND4J on every core; DL4J's layer
 * helpers off, as M2.1 ships them), with the ReLU as a layer of its own on one ND4J thread, and in
 * the project's configuration: that, with the layers on oneDNN (models/README.md, "oneDNN").
 */
@Command(name = "networks", mixinStandardHelpOptions = true,
        description = "Training images/s of each course network in DL4J, out of the box against the project's"
                + " configuration (ReLU as its own layer, one thread, oneDNN), and with the ReLU layer alone;"
                + " median of timed rounds after a warm-up.")
final class NetworksBench implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "600", description = "Images per timed round (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per network and setting (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up", defaultValue = "3", description = "Seconds of untimed rounds first (default ${DEFAULT-VALUE};"
            + " at least one round).")
    double warmUpSeconds;

    @Option(names = "--only", split = ",", description = "Only these networks (comma-separated names).")
    List<String> only;

    @Option(names = "--quick", description = "A smoke run: 200 images, 1 round, one warm-up round.")
    boolean quick;

    @Option(names = "--json", description = "Also write the figures to this JSON file.")
    Path json;

    /** One network in one setting: how to build it and train one batch. */
    record Variant(String setting, int threads, boolean reluAsLayer, boolean oneDnn) {
    }

    /** What a network's three settings measured, images per second of each round. */
    record Measured(String network, String difference, double[] outOfTheBox, double[] withoutOneDnn, double[] project) {
        double speedUp() {
            return BenchTiming.median(project) / BenchTiming.median(outOfTheBox);
        }
    }

    static final int BATCH = 100;

    /** A fresh network of the given name and ReLU layout, with or without DL4J's oneDNN helpers, returning its one-batch training step. */
    static Consumer<DataSet> trainer(String network, boolean reluAsLayer, boolean oneDnn) {
        return oneDnn ? trainer(network, reluAsLayer) : org.cnncourse.models.Dl4jHelpers.builtIn(() -> trainer(network, reluAsLayer));
    }

    private static Consumer<DataSet> trainer(String network, boolean reluAsLayer) {
        switch (network) {
            case "simple-convnet" -> {
                return fit(new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(Dl4jSimpleConvNet.Shape.lecture(), 1, DataType.FLOAT,
                        new Adam(Dl4jSimpleConvNet.LEARNING_RATE), reluAsLayer)));
            }
            case "lenet5" -> {
                return fit(new MultiLayerNetwork(LeNet5.configuration(1, DataType.FLOAT, new Adam(1e-3))));
            }
            case "alexnet-small" -> {
                return fit(new MultiLayerNetwork(CompactArchitectures.alexNetSmall(1, reluAsLayer)));
            }
            case "vgg-small" -> {
                return fit(new MultiLayerNetwork(CompactArchitectures.vggSmall(1, reluAsLayer)));
            }
            case "inception-small" -> {
                ComputationGraph g = new ComputationGraph(CompactArchitectures.inceptionSmall(1, reluAsLayer));
                g.init();
                return g::fit;
            }
            case "resnet-small", "resnet-20" -> {
                // One layout only (ReLU after BN is a layer already): the network as the course trains it.
                ComputationGraph g = (ComputationGraph) org.cnncourse.models.CourseNetworks.get(network).build().apply(1);
                return g::fit;
            }
            default -> throw new IllegalArgumentException("no course network " + network);
        }
    }

    private static Consumer<DataSet> fit(MultiLayerNetwork net) {
        net.init();
        return net::fit;
    }

    /** What the project's configuration changes for each network besides the thread count. */
    static final Map<String, String> DIFFERENCE = new LinkedHashMap<>();

    static {
        DIFFERENCE.put("simple-convnet", "ReLU layer, 1 thread, oneDNN");
        DIFFERENCE.put("lenet5", "1 thread, oneDNN (tanh, no ReLU)");
        DIFFERENCE.put("alexnet-small", "ReLU layers, 1 thread, oneDNN (LRN built-in)");
        DIFFERENCE.put("vgg-small", "ReLU layers, 1 thread, oneDNN");
        DIFFERENCE.put("inception-small", "ReLU layers, 1 thread, oneDNN");
        DIFFERENCE.put("resnet-small", "1 thread, oneDNN (ReLU after BN already a layer)");
        DIFFERENCE.put("resnet-20", "1 thread, oneDNN (ReLU after BN already a layer)");
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
        DataSet[] batches = BenchTiming.firstBatches(train, BATCH, Math.max(1, images / BATCH), 3);
        // LeNet-5 reads 32x32: the same images with the 2-pixel border the pipeline gives it.
        DataSet[] padded = Arrays.stream(batches).map(d -> new DataSet(
                Nd4j.pad(d.getFeatures(), new int[][] {{0, 0}, {0, 0}, {2, 2}, {2, 2}}), d.getLabels())).toArray(DataSet[]::new);
        List<Measured> results = new ArrayList<>();
        for (String network : DIFFERENCE.keySet()) {
            if (only != null && !only.contains(network)) {
                continue;
            }
            DataSet[] data = network.equals("lenet5") ? padded : batches;
            double[] box = measure(network, new Variant("out of the box", cores, false, false), data);
            double[] reluLayer = measure(network, new Variant("ReLU layer, 1 thread", 1, true, false), data);
            double[] project = measure(network, new Variant("project", 1, true, true), data);
            Measured m = new Measured(network, DIFFERENCE.get(network), box, reluLayer, project);
            results.add(m);
            System.out.printf(Locale.ROOT, "  measured %-16s out of the box %7.1f img/s, without oneDNN %7.1f img/s, project %7.1f img/s%n",
                    network, BenchTiming.median(box), BenchTiming.median(reluLayer), BenchTiming.median(project));
        }
        org.cnncourse.lessons.support.Nd4jThreads.set(cores);
        System.out.printf(Locale.ROOT, "%nDL4J training of the course's networks, Fashion-MNIST batches of %d, %d images x %d"
                + " rounds after a warm-up; %d cores, %s load before the run%n", BATCH, data(batches), rounds, cores,
                BenchEnvironment.loadDescription());
        System.out.printf(Locale.ROOT, "%-16s %-48s %14s %14s %14s %9s%n", "network", "project configuration",
                "out of the box", "no oneDNN", "project", "speed-up");
        for (Measured m : results) {
            System.out.printf(Locale.ROOT, "%-16s %-48s %10.1f i/s %10.1f i/s %10.1f i/s %8.2fx%n", m.network(), m.difference(),
                    BenchTiming.median(m.outOfTheBox()), BenchTiming.median(m.withoutOneDnn()), BenchTiming.median(m.project()),
                    m.speedUp());
        }
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("cores", cores);
            doc.put("imagesPerRound", data(batches));
            doc.put("rounds", rounds);
            doc.put("loadBefore", BenchEnvironment.loadDescription());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Measured m : results) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("network", m.network());
                row.put("projectConfiguration", m.difference());
                row.put("outOfTheBoxImagesPerSecond", m.outOfTheBox());
                row.put("withoutOneDnnImagesPerSecond", m.withoutOneDnn());
                row.put("projectImagesPerSecond", m.project());
                row.put("speedUp", m.speedUp());
                rows.add(row);
            }
            doc.put("networks", rows);
            BenchJson.write(json, doc);
            BenchJson.printQuotedTable(json, "networks.json", DOC_START, DOC_END, NetworksBench::markdownTable);
        }
        return 0;
    }

    /** Where docs/results.md quotes a run's table, between these two lines. */
    static final String DOC_START = "<!-- bench-networks -->", DOC_END = "<!-- /bench-networks -->";

    /** The Markdown table docs/results.md quotes, from a run's JSON (the medians of its rounds). */
    static String markdownTable(com.fasterxml.jackson.databind.JsonNode doc) {
        StringBuilder t = new StringBuilder("| network | the project's configuration | out of the box, images/s"
                + " | ReLU layer, 1 thread | project, images/s | speed-up |\n|---|---|--:|--:|--:|--:|\n");
        for (com.fasterxml.jackson.databind.JsonNode row : doc.get("networks")) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %.2fx |%n", row.get("network").asText(),
                    row.get("projectConfiguration").asText(), median(row.get("outOfTheBoxImagesPerSecond")),
                    median(row.get("withoutOneDnnImagesPerSecond")), median(row.get("projectImagesPerSecond")),
                    row.get("speedUp").asDouble()));
        }
        return t.toString();
    }

    private static double median(com.fasterxml.jackson.databind.JsonNode rounds) {
        double[] values = new double[rounds.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rounds.get(i).asDouble();
        }
        return BenchTiming.median(values);
    }

    private static int data(DataSet[] batches) {
        return batches.length * BATCH;
    }

    private double[] measure(String network, Variant v, DataSet[] data) {
        org.cnncourse.lessons.support.Nd4jThreads.set(v.threads());
        Consumer<DataSet> step = trainer(network, v.reluAsLayer(), v.oneDnn());
        return BenchTiming.rounds(() -> {
            for (DataSet ds : data) {
                step.accept(ds);
            }
        }, rounds, data(data), warmUpSeconds);
    }
}
