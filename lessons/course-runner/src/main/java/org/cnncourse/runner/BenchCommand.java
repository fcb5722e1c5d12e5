package org.cnncourse.runner;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.data.Augmentation;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.models.SimpleConvNet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print their figures. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print their figures.",
        subcommands = {BenchCommand.Data.class})
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Choose a benchmark: ./cnn-course bench data (see --help)");
        return 2;
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
            MultiLayerNetwork net = SimpleConvNet.build(1);
            DataSetIterator it = Pipelines.iterator(set, PipelineOptions.training(batchSize, 2).withPrefetch(0));
            DataSet[] batches = new DataSet[trainBatches + 5];
            for (int i = 0; i < batches.length; i++) {
                batches[i] = it.next();
            }
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
}
