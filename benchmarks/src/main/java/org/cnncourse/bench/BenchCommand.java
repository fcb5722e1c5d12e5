package org.cnncourse.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cnncourse.data.Augmentation;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.cnncourse.scratch.SimpleConvNet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print their figures; without a subcommand, the main ones in a row. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures. Without a"
        + " subcommand: simple-convnet, dl4j and scaling in a row (a few minutes), figures in --out as JSON and PNG.",
        subcommands = {BenchCommand.Data.class, BenchCommand.SimpleConvNetBench.class, Dl4jConfigBench.class, NetworksBench.class,
                MemoryBench.class, ScalingBench.class})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A smoke run of each (seconds, not minutes).")
    boolean quick;

    @Option(names = "--out", defaultValue = "out/bench", description = "Folder for the JSON and PNG files (default ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @Override
    public Integer call() throws java.io.IOException {
        java.nio.file.Files.createDirectories(out);
        String[][] runs = {
            quick ? new String[] {"simple-convnet", "--batches", "3", "--rounds", "1", "--warm-up", "0", "--json",
                    out.resolve("simple-convnet.json").toString()}
                  : new String[] {"simple-convnet", "--json", out.resolve("simple-convnet.json").toString()},
            quick ? new String[] {"dl4j", "--quick", "--json", out.resolve("dl4j.json").toString()}
                  : new String[] {"dl4j", "--json", out.resolve("dl4j.json").toString()},
            quick ? new String[] {"scaling", "--quick", "--out", out.toString()} : new String[] {"scaling", "--out", out.toString()}};
        for (String[] run : runs) {
            System.out.println("== ./cnn-course bench " + String.join(" ", run));
            int code = new picocli.CommandLine(new BenchCommand()).execute(run);
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    @Command(name = "data", mixinStandardHelpOptions = true,
            description = "Images per second the training iterator delivers on Fashion-MNIST, against what DL4J's "
                    + "SimpleConvNet consumes in training.")
    static final class Data implements Callable<Integer> {
        @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--images", defaultValue = "30000", description = "Images per iterator measurement (default ${DEFAULT-VALUE}).")
        int images;

        @Option(names = "--train-batches", defaultValue = "30", description = "Training batches timed (default ${DEFAULT-VALUE}).")
        int trainBatches;

        @Override
        public Integer call() {
            ImageSet train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
            System.out.printf(Locale.ROOT, "Fashion-MNIST train, batch %d, OMP_NUM_THREADS=%s, %d cores%n", batchSize,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), Runtime.getRuntime().availableProcessors());
            PipelineOptions base = PipelineOptions.training(batchSize, 1).withPrefetch(0);
            double plain = iteratorRate(train, base);
            double augmented = iteratorRate(train, base.withAugmentation(Augmentation.lecture(1)));
            double padded = iteratorRate(train, base.withPadTo(32).withAugmentation(Augmentation.shiftsOnly(2, 1)));
            double training = trainingRate(train);
            System.out.printf(Locale.ROOT, "%-58s %10s%n", "pipeline (one producer thread, no prefetch)", "images/s");
            System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "plain: read, scale, one-hot", plain);
            System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "augmented: flip, contrast/brightness, crop+scale, shift", augmented);
            System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "LeNet-5 input: pad to 32x32, 2-pixel shifts", padded);
            System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "DL4J SimpleConvNet training consumes (float32, Adam)", training);
            System.out.printf(Locale.ROOT, "The slowest pipeline delivers %.1fx what training consumes.%n",
                    Math.min(plain, Math.min(augmented, padded)) / training);
            return 0;
        }

        private double iteratorRate(ImageSet set, PipelineOptions options) {
            DataSetIterator it = Pipelines.iterator(set, options);
            int warm = 0;
            while (it.hasNext() && warm < 5 * batchSize) {
                warm += it.next().numExamples();
            }
            long start = System.nanoTime();
            int seen = 0;
            while (seen < images) {
                if (!it.hasNext()) {
                    it.reset();
                }
                seen += it.next().numExamples();
            }
            return seen / ((System.nanoTime() - start) / 1e9);
        }

        private double trainingRate(ImageSet set) {
            MultiLayerNetwork net = Dl4jSimpleConvNet.build(1);
            DataSet[] batches = BenchTiming.firstBatches(set, batchSize, trainBatches + 5, 2);
            for (int i = 0; i < 5; i++) {
                net.fit(batches[i]);
            }
            long start = System.nanoTime();
            int seen = 0;
            for (int i = 5; i < batches.length; i++) {
                net.fit(batches[i]);
                seen += batches[i].numExamples();
            }
            return seen / ((System.nanoTime() - start) / 1e9);
        }
    }

    @Command(name = "simple-convnet", mixinStandardHelpOptions = true,
            description = "Training and inference images/s of the SimpleConvNet, by hand (double) and with DL4J (float32),"
                    + " on Fashion-MNIST batches; median and spread of several timed rounds after a warm-up.")
    static final class SimpleConvNetBench implements Callable<Integer> {
        static final String DL4J_OUT_OF_THE_BOX = "DL4J training, out of the box";

        @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--batches", defaultValue = "20", description = "Batches per timed round (default ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warm-up", defaultValue = "4", description = "Seconds of untimed rounds before each measurement"
                + " (default ${DEFAULT-VALUE}; at least one round).")
        double warmUpSeconds;

        @Option(names = "--json", description = "Also write the figures to this JSON file.")
        java.nio.file.Path json;

        @Override
        public Integer call() throws java.io.IOException {
            DataSet[] data = BenchTiming.firstBatches(CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN), batchSize,
                    batches, 3);
            java.util.Map<String, double[]> results = new java.util.LinkedHashMap<>();
            // DL4J as most code writes it: ReLU set on the convolution, every core, the layer helpers off as M2.1 ships.
            int cores = Runtime.getRuntime().availableProcessors();
            org.cnncourse.lessons.support.Nd4jThreads.set(cores);
            MultiLayerNetwork box = org.cnncourse.models.Dl4jHelpers.builtIn(() -> {
                MultiLayerNetwork net = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(Dl4jSimpleConvNet.Shape.lecture(), 1,
                        org.nd4j.linalg.api.buffer.DataType.FLOAT, new org.nd4j.linalg.learning.config.Adam(Dl4jSimpleConvNet.LEARNING_RATE),
                        false));
                net.init();
                return net;
            });
            results.put(DL4J_OUT_OF_THE_BOX, rounds(() -> {
                for (DataSet ds : data) {
                    box.fit(ds);
                }
            }));
            org.cnncourse.lessons.support.Nd4jThreads.set(Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", String.valueOf(cores))));
            MultiLayerNetwork dl4j = Dl4jSimpleConvNet.build(1);
            results.put("DL4J training, project default (float32)", rounds(() -> {
                for (DataSet ds : data) {
                    dl4j.fit(ds);
                }
            }));
            results.put("DL4J inference (float32)", rounds(() -> {
                for (DataSet ds : data) {
                    dl4j.output(ds.getFeatures());
                }
            }));
            org.cnncourse.lessons.support.ByHandTrainable byHand = new org.cnncourse.lessons.support.ByHandTrainable(
                    new SimpleConvNet(SimpleConvNet.Config.lecture()
                            .withInit(SimpleConvNet.WeightInit.HE), 1,
                            org.cnncourse.engine.FastLayers.KIT), 1e-3);
            org.cnncourse.scratch.Tensor[] xs = new org.cnncourse.scratch.Tensor[batches];
            for (int i = 0; i < batches; i++) {
                xs[i] = org.cnncourse.lessons.support.Tensors.fromNd(data[i].getFeatures());
            }
            results.put("by hand training (double)", rounds(() -> {
                for (DataSet ds : data) {
                    byHand.fitBatch(ds);
                }
            }));
            results.put("by hand inference (double)", rounds(() -> {
                for (org.cnncourse.scratch.Tensor x : xs) {
                    byHand.network().predict(x);
                }
            }));
            Map<String, double[]> numpy = BookNumpy.measure(data, rounds);
            if (numpy.isEmpty()) {
                System.out.println("The book's numpy SimpleConvNet: not measured (python3 with numpy not found).");
            }
            results.putAll(numpy);
            if (!numpy.isEmpty()) {
                System.out.println("The book's numpy ran its OpenBLAS's " + BookNumpy.lastKernel()
                        + " kernel (the one OpenBLAS picks for this CPU: OPENBLAS_CORETYPE is unset for it).");
            }
            System.out.printf(Locale.ROOT, "SimpleConvNet, Fashion-MNIST, batch %d, %d batches x %d rounds after a warm-up;"
                    + " OMP_NUM_THREADS=%s, %d cores%n", batchSize, batches, rounds,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-42s %12s %12s %12s%n", "", "median img/s", "min", "max");
            java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<String, double[]> e : results.entrySet()) {
                java.util.Map<String, Double> spread = BenchJson.spread(e.getValue());
                System.out.printf(Locale.ROOT, "%-42s %12.0f %12.0f %12.0f%n", e.getKey(), spread.get("median"),
                        spread.get("min"), spread.get("max"));
                doc.put(e.getKey(), spread);
            }
            double byHandTraining = BenchTiming.median(results.get("by hand training (double)"));
            double dl4jBox = BenchTiming.median(results.get(DL4J_OUT_OF_THE_BOX));
            double dl4jDefault = BenchTiming.median(results.get("DL4J training, project default (float32)"));
            double numpyTraining = results.containsKey(BookNumpy.TRAINING)
                    ? BenchTiming.median(results.get(BookNumpy.TRAINING)) : Double.NaN;
            System.out.printf(Locale.ROOT, "training: by hand / DL4J out of the box %.2fx, by hand / DL4J project default %.2fx,"
                    + " DL4J project default / out of the box %.2fx, by hand / book's numpy %.2fx%n", byHandTraining / dl4jBox,
                    byHandTraining / dl4jDefault, dl4jDefault / dl4jBox, byHandTraining / numpyTraining);
            java.util.Map<String, Object> ratios = new java.util.LinkedHashMap<>();
            ratios.put("byHandOverDl4jOutOfTheBox", byHandTraining / dl4jBox);
            ratios.put("byHandOverDl4jDefault", byHandTraining / dl4jDefault);
            ratios.put("dl4jDefaultOverOutOfTheBox", dl4jDefault / dl4jBox);
            ratios.put("byHandOverBookNumpy", Double.isNaN(numpyTraining) ? null : byHandTraining / numpyTraining);
            doc.put("ratios", ratios);
            doc.put("bookNumpyBlas", BookNumpy.lastKernel());
            doc.put("environment", BenchEnvironment.describe());
            if (json != null) {
                BenchJson.write(json, doc);
                BenchJson.printQuotedTable(json, "simple-convnet.json", DOC_START, DOC_END, SimpleConvNetBench::markdownTable);
            }
            return 0;
        }

        private double[] rounds(Runnable round) {
            return BenchTiming.rounds(round, rounds, (double) batches * batchSize, warmUpSeconds);
        }

        /** Where docs/results.md quotes a run's table, between these two lines. */
        static final String DOC_START = "<!-- bench-simple-convnet -->", DOC_END = "<!-- /bench-simple-convnet -->";

        /** The Markdown table and ratios docs/results.md quotes, from a run's JSON. */
        static String markdownTable(com.fasterxml.jackson.databind.JsonNode doc) {
            boolean oneDnn = doc.path("environment").path("oneDnnLayerHelpers").asBoolean(false);
            StringBuilder t = new StringBuilder("| | training images/s (min-max) | inference images/s |\n|--|--:|--:|\n");
            row(t, "DL4J out of the box (ReLU set on the convolution, 2 OpenMP threads, layer helpers off as M2.1 ships), float32",
                    doc.get(DL4J_OUT_OF_THE_BOX), null, false);
            row(t, "DL4J, the project's configuration (ReLU as its own layer, 1 thread" + (oneDnn ? ", oneDNN" : "") + "), float32",
                    doc.get("DL4J training, project default (float32)"), doc.get("DL4J inference (float32)"), false);
            row(t, "by hand, double, both cores", doc.get("by hand training (double)"), doc.get("by hand inference (double)"), true);
            if (doc.has(BookNumpy.TRAINING)) {
                row(t, "the book's numpy SimpleConvNet, one BLAS thread (OpenBLAS's " + doc.path("bookNumpyBlas").asText()
                        + " kernel), double", doc.get(BookNumpy.TRAINING), doc.get("book's numpy inference, 1 thread (double)"), false);
                row(t, "the same numpy code with BLAS on both cores", doc.get("book's numpy training, all cores (double)"),
                        doc.get("book's numpy inference, all cores (double)"), false);
            }
            var ratios = doc.get("ratios");
            t.append(String.format(Locale.ROOT, "%nBy hand against the others, same run: **%.2fx** DL4J out of the box, %.2fx DL4J in"
                            + " the project's configuration", ratios.get("byHandOverDl4jOutOfTheBox").asDouble(),
                    ratios.get("byHandOverDl4jDefault").asDouble()));
            if (ratios.path("byHandOverBookNumpy").isNumber()) {
                t.append(String.format(Locale.ROOT, ", %.2fx the book's numpy on one thread", ratios.get("byHandOverBookNumpy").asDouble()));
            }
            return t.append(".\n").toString();
        }

        private static void row(StringBuilder t, String label, com.fasterxml.jackson.databind.JsonNode training,
                                com.fasterxml.jackson.databind.JsonNode inference, boolean bold) {
            String median = String.format(Locale.ROOT, "%,.0f", training.get("median").asDouble());
            t.append(String.format(Locale.ROOT, "| %s | %s (%,.0f-%,.0f) | %s |%n", label, bold ? "**" + median + "**" : median,
                    training.get("min").asDouble(), training.get("max").asDouble(),
                    inference == null ? "" : String.format(Locale.ROOT, "%,.0f", inference.get("median").asDouble())));
        }
    }
}
