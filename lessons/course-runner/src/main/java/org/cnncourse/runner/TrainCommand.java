package org.cnncourse.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.data.AtomicFiles;
import org.cnncourse.data.Augmentation;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.FolderLock;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.lessons.support.ByHandTrainable;
import org.cnncourse.models.AccuracyChart;
import org.cnncourse.models.Dl4jTrainable;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelMetadata;
import org.cnncourse.models.ModelZips;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.cnncourse.models.TrainingLoop;
import org.cnncourse.scratch.SimpleConvNet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains the SimpleConvNet by hand and/or with DL4J and writes the zip, history, and plot. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on a course dataset, by hand and/or with DL4J; write a model zip with"
                + " metadata, the per-epoch history (CSV) and the accuracy plot (PNG).")
final class TrainCommand implements Callable<Integer> {
    enum Impl { dl4j, by_hand, both }

    enum Augment { none, shifts, flips, erasing, lecture }

    @Parameters(index = "0", arity = "0..1", defaultValue = "simple-convnet",
            description = "The network: simple-convnet (default; by hand and DL4J), or with DL4J only: lenet5 (input"
                    + " padded to 32x32), alexnet-small, vgg-small, inception-small, resnet-small, resnet-20 (He et al.'s CIFAR"
                    + " network).")
    String model;


    @Option(names = "--dataset", defaultValue = "digits", description = "fashion or digits (default ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default ${DEFAULT-VALUE}; the lecture uses 20).")
    int epochs;

    @Option(names = "--impl", defaultValue = "both", converter = ImplConverter.class,
            description = "dl4j, by-hand or both (default ${DEFAULT-VALUE}).")
    Impl impl;

    @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", description = "The learning rate (default ${DEFAULT-VALUE}, for"
            + " Adam; He et al. start SGD with momentum at 0.1).")
    double learningRate;

    @Option(names = "--updater", defaultValue = "adam", description = "DL4J only: adam (default), or nesterov, SGD"
            + " with Nesterov momentum (--momentum), the updater of He et al. and of most ImageNet papers.")
    String updater;

    @Option(names = "--momentum", defaultValue = "0.9", description = "With --updater nesterov: the momentum"
            + " (default ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--lr-decay", defaultValue = "1", description = "DL4J only: the learning rate falls exponentially,"
            + " batch by batch, to --lr times this factor at the last batch (default ${DEFAULT-VALUE}: constant).")
    double learningRateDecay;

    @Option(names = "--weight-decay", defaultValue = "0", description = "DL4J only: decoupled weight decay (AdamW's):"
            + " after each update every weight shrinks by the learning rate times this coefficient of itself (with plain"
            + " SGD, an L2 penalty); biases and batch normalisation are left alone (default ${DEFAULT-VALUE}: none). The loss printed then includes DL4J's"
            + " penalty, coefficient x 0.5 x the sum of the squared weights.")
    double weightDecay;

    /** The seed of the validation split: the same images are held out whatever the network, so runs compare. */
    static final long VALIDATION_SEED = 20261202L;

    @Option(names = "--validation", defaultValue = "-1", paramLabel = "N", description = "Hold out N training images"
            + " (stratified, the same for every run) to choose the epoch to ship; the test set is then read once, at the"
            + " end. Default: one in twelve (5,000 of Fashion-MNIST's 60,000). 0: no split; the test accuracy is"
            + " measured after every epoch and the last epoch is shipped.")
    int validation;

    @Option(names = "--init", defaultValue = "he", description = "simple-convnet only: he (default) or lecture, the"
            + " lecture's N(0, 0.01²) weights (weight_init_std=0.01), on both sides.")
    String init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-limit", defaultValue = "0", description = "Train on the first N images only (0: all).")
    int trainLimit;

    @Option(names = "--augment", defaultValue = "none", split = ",", description = "none, shifts (2 pixels), flips (mirror"
            + " half of the images), erasing (Zhong et al.'s random erasing: a rectangle of noise in half of the images),"
            + " lecture (flips, contrast and brightness, crops, shifts), or parts joined by commas:"
            + " flips,shifts is He et al.'s CIFAR augmentation (default ${DEFAULT-VALUE}).")
    List<Augment> augment;

    @Option(names = "--workers", defaultValue = "1", description = "DL4J only: train with DL4J's ParallelWrapper on this"
            + " many replicas (threads on CPU, GPUs with CUDA), parameters averaged every --averaging batches"
            + " (default ${DEFAULT-VALUE}: plain training).")
    int workers;

    @Option(names = "--averaging", defaultValue = "5", description = "With --workers: batches between parameter"
            + " averagings (default ${DEFAULT-VALUE}).")
    int averaging;

    @Option(names = "--spark", paramLabel = "MASTER", description = "DL4J only: train on Apache Spark at this master URL"
            + " (local[2], spark://host:7077, ...): each epoch's batches become an RDD.")
    String sparkMaster;

    @Option(names = "--spark-training", defaultValue = "averaging", description = "With --spark: averaging (parameter"
            + " averaging every --averaging batches) or sharing (gradient sharing over DL4J's parameter server)"
            + " (default ${DEFAULT-VALUE}).")
    String sparkTraining;

    @Option(names = "--out", defaultValue = "out", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--resume", description = "Continue from the last checkpoint in the output folder.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    static final class ImplConverter implements picocli.CommandLine.ITypeConverter<Impl> {
        @Override
        public Impl convert(String value) {
            try {
                return Impl.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("must be dl4j, by-hand or both, not '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        // The code that trains is the commit checked out now, not whatever is checked out when it ends.
        startCommit = commit();
        org.cnncourse.models.CourseNetworks.Network arch;
        try {
            arch = org.cnncourse.models.CourseNetworks.get(model);
            model = arch.name();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--lr must be a positive number, not " + learningRate);
        }
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--lr-decay must be in (0, 1] (the final learning rate is --lr times it), not " + learningRateDecay);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--weight-decay must be 0 (none) or a positive coefficient, not " + weightDecay);
        }
        if (!updater.equals("adam") && !updater.equals("nesterov")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--updater must be adam or nesterov, not '" + updater + "'");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--momentum must be in [0, 1), not " + momentum);
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--momentum") && !nesterov()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--momentum is for --updater nesterov; Adam keeps its own moving averages");
        }
        if (workers < 1 || averaging < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--workers and --averaging must be at least 1, got " + workers + " and " + averaging);
        }
        if (workers > 1 && impl == Impl.by_hand) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--workers is for DL4J training; use --impl dl4j");
        }
        if (sparkMaster != null && workers > 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose --spark or --workers, not both");
        }
        if (sparkMaster != null && !sparkTraining.equals("averaging") && !sparkTraining.equals("sharing")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--spark-training must be averaging or sharing, not '" + sparkTraining + "'");
        }
        if (sparkMaster != null && impl == Impl.by_hand) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--spark is for DL4J training; use --impl dl4j");
        }
        if (workers > 1 || sparkMaster != null) {
            impl = Impl.dl4j;
        }
        if (!arch.byHand() && impl != Impl.dl4j) {
            if (impl == Impl.by_hand) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        model + " is trained with DL4J only; use --impl dl4j");
            }
            impl = Impl.dl4j;
        }
        if (nesterov() && impl != Impl.dl4j) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--updater nesterov is for DL4J training (the by-hand network learns with Adam); use --impl dl4j");
        }
        if (weightDecay > 0 && impl != Impl.dl4j) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--weight-decay is for DL4J training (the by-hand network has none); use --impl dl4j");
        }
        if (!dataset.matches("fashion|fashion-mnist|digits|mnist-digits") && !Files.isDirectory(Path.of(dataset))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--dataset must be fashion, digits or a folder of MNIST-format IDX files; '" + dataset + "' is none of these");
        }
        if (epochs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--epochs must be at least 1, not " + epochs);
        }
        if (batchSize < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1, not " + batchSize);
        }
        if (augment.size() > 1 && augment.contains(Augment.none)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--augment none cannot be combined with other parts, as in '" + augmentParts() + "'");
        }
        if (validation < -1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--validation must be 0 (no split) or a number of images, not " + validation);
        }
        if (!init.equals("he") && !init.equals("lecture")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--init must be he or lecture, not " + init);
        }
        if (init.equals("lecture") && !model.equals("simple-convnet")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--init lecture is the SimpleConvNet's weight_init_std=0.01; " + model + " starts from its own initialisation");
        }
        if (trainLimit < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--train-limit must be 0 (all images) or a positive number of images, not " + trainLimit);
        }
        // The output folder first: a run that cannot save is refused before any data is read or any epoch trained.
        try (FolderLock lock = FolderLock.acquire(writableOut(), commandLine())) {
            AtomicFiles.removeLeftovers(out);
            for (String checkpoint : checkpointNames()) {
                Path folder = out.resolve("checkpoints").resolve(checkpoint);
                AtomicFiles.removeLeftovers(folder);
                AtomicFiles.removeLeftovers(folder.resolve(TrainingLoop.BEST_DIR));
                if (resume) {
                    TrainingLoop.resumable(options(PipelineOptions.training(batchSize, seed), checkpoint));
                }
            }
            return train(arch);
        }
    }

    private boolean nesterov() {
        return updater.equals("nesterov");
    }

    /** How the header line names the updater. */
    private String updaterName() {
        return nesterov() ? "SGD with Nesterov momentum " + momentum + ", lr " + learningRate : "Adam lr " + learningRate;
    }

    private boolean lectureInit() {
        return init.equals("lecture");
    }

    /** The checkpoint folders this run writes under {@code --out}/checkpoints. */
    private List<String> checkpointNames() {
        String stem = model + "-" + dataset;
        List<String> names = new ArrayList<>();
        if (impl != Impl.by_hand) {
            names.add(stem + "-dl4j");
        }
        if (impl != Impl.dl4j) {
            names.add(stem + "-by-hand");
        }
        return names;
    }

    private Path writableOut() {
        return OutputFolders.writable(out, "--out", spec);
    }

    private Integer train(org.cnncourse.models.CourseNetworks.Network arch) throws IOException {
        ImageSet train = CourseDatasets.byName(dataset, CourseDatasets.Split.TRAIN);
        ImageSet test = CourseDatasets.byName(dataset, CourseDatasets.Split.TEST);
        if (trainLimit > 0) {
            train = ImageSets.first(train, trainLimit);
        }
        int holdout = validationImages(train.size());
        ImageSet heldOut = test;
        if (holdout > 0) {
            ImageSets.Split split = ImageSets.stratifiedSplit(train, holdout, VALIDATION_SEED);
            train = split.kept();
            heldOut = split.heldOut();
        }
        String stem = model + "-" + dataset;
        String heldOutName = holdout > 0 ? "validation" : "test";
        System.out.printf(Locale.ROOT, "Training %s on %s (%d train, %d %s images), %d epochs, batch %d, %s%s%n",
                model, train.name(), train.size(), heldOut.size(), heldOutName, epochs, batchSize, updaterName(),
                weightDecay > 0 ? ", weight decay " + weightDecay : "");
        if (holdout > 0) {
            System.out.printf(Locale.ROOT, "The epoch with the best validation accuracy is kept; the %d test images are"
                    + " read once, at the end.%n", test.size());
        }
        Augmentation aug = augmentation(augment, seed);
        PipelineOptions pipeline = arch.fitTo(PipelineOptions.training(batchSize, seed).withAugmentation(aug), train);
        List<String> names = new ArrayList<>();
        List<List<EpochResult>> histories = new ArrayList<>();

        if (impl != Impl.by_hand) {
            org.deeplearning4j.nn.api.Model net = lectureInit()
                    ? Dl4jSimpleConvNet.lecture(seed, org.nd4j.linalg.api.buffer.DataType.FLOAT) : arch.build().apply(seed);
            if (nesterov()) {
                org.cnncourse.models.Networks.setUpdater(net,
                        new org.nd4j.linalg.learning.config.Nesterovs(learningRate, momentum));
            }
            setLearningRate(net, learningRateSchedule(learningRate, learningRateDecay, epochs,
                    (train.size() + batchSize - 1) / batchSize));
            org.cnncourse.models.Networks.setWeightDecay(net, weightDecay);
            org.apache.spark.api.java.JavaSparkContext sc = null;
            org.cnncourse.models.Dl4jTraining t;
            if (sparkMaster != null) {
                sc = new org.apache.spark.api.java.JavaSparkContext(
                        org.cnncourse.distributed.SparkTraining.conf(sparkMaster, "cnn-course " + model));
                var tm = sparkTraining.equals("sharing")
                        ? org.cnncourse.distributed.SparkTraining.sharedGradients(batchSize, "127.0.0.1", 40123)
                        : org.cnncourse.distributed.SparkTraining.parameterAveraging(batchSize, averaging);
                t = new org.cnncourse.distributed.SparkTrainable(sc, net, tm, sc.defaultParallelism());
            } else {
                t = workers > 1 ? new org.cnncourse.models.ParallelDl4jTrainable(net, workers, averaging) : new Dl4jTrainable(net);
            }
            List<EpochResult> h;
            TrainingLoop.Options options = options(pipeline, stem + "-dl4j");
            try {
                h = TrainingLoop.run(implName(), t, train, heldOut, heldOutName, options, System.out);
            } finally {
                if (sc != null) {
                    sc.close();
                }
            }
            int chosen = chosenEpoch(h, holdout);
            if (holdout > 0) {
                TrainingLoop.restoreBest(t, options.checkpointDir());
            }
            double testAccuracy = holdout > 0 ? Evaluations.evaluate(t.model(), test, arch.side()).accuracy()
                    : h.get(h.size() - 1).testAccuracy();
            Path zip = out.resolve(stem + ".zip");
            ModelZips.save(t.model(), zip, new ModelMetadata(model, dataset, train.classNames(),
                    List.of(1, arch.side(), arch.side()), chosen, seed, testAccuracy, ModelZips.dl4jVersion(), null,
                    ModelZips.now(), holdout > 0 ? h.get(chosen - 1).testAccuracy() : null, reproducingCommand(), startCommit,
                    org.cnncourse.models.ProcessMemory.peakResidentMiB()), false);
            report(implName(), h, chosen, holdout, testAccuracy);
            System.out.println("DL4J model: " + zip + " (its metadata inside; a copy in " + ModelZips.metadataPath(zip).getFileName() + ")");
            names.add(implName());
            histories.add(h);
        }
        if (impl != Impl.dl4j) {
            SimpleConvNet.Config config = SimpleConvNet.Config.lecture();
            SimpleConvNet net = new SimpleConvNet(
                    lectureInit() ? config : config.withInit(SimpleConvNet.WeightInit.HE), seed,
                    org.cnncourse.engine.FastLayers.KIT);
            ByHandTrainable t = new ByHandTrainable(net, learningRate);
            TrainingLoop.Options options = options(pipeline, stem + "-by-hand");
            List<EpochResult> h = TrainingLoop.run("by hand", t, train, heldOut, heldOutName, options, System.out);
            int chosen = chosenEpoch(h, holdout);
            double testAccuracy = h.get(h.size() - 1).testAccuracy();
            if (holdout > 0) {
                TrainingLoop.restoreBest(t, options.checkpointDir());
                testAccuracy = t.accuracy(Pipelines.iterator(test, arch.fitTo(PipelineOptions.evaluation(200), test)));
            }
            report("by hand", h, chosen, holdout, testAccuracy);
            Path params = out.resolve(stem + "-by-hand.params");
            net.saveParams(params);
            System.out.println("By-hand parameters: " + params);
            names.add("by hand");
            histories.add(h);
        }
        Path csv = out.resolve(stem + "-history.csv");
        writeCsv(csv, names, histories, heldOutName);
        Path png = out.resolve(stem + "-accuracy.png");
        AccuracyChart.write(model + " on " + dataset, names, histories, heldOutName, png);
        System.out.println("History: " + csv + "; plot: " + png);
        return 0;
    }

    /** The images held out for validation: --validation, or by default one training image in twelve. */
    int validationImages(int trainImages) {
        return validation >= 0 ? validation : validationImagesFor(trainImages);
    }

    /** The default split: one training image in twelve. */
    static int validationImagesFor(int trainImages) {
        return trainImages / 12;
    }

    /** The shipped epoch: the best on validation, or the last when nothing was held out. */
    static int chosenEpoch(List<EpochResult> history, int holdout) {
        return holdout > 0 ? TrainingLoop.bestEpoch(history) : history.get(history.size() - 1).epoch();
    }

    private static void report(String name, List<EpochResult> h, int chosen, int holdout, double testAccuracy) {
        EpochResult c = h.get(chosen - 1);
        if (holdout > 0) {
            System.out.printf(Locale.ROOT, "  %-8s epoch %d of %d chosen: validation accuracy %.4f, test accuracy %.4f, %.0f images/s%n",
                    name, chosen, h.size(), c.testAccuracy(), testAccuracy, c.imagesPerSecond());
        } else {
            System.out.printf(Locale.ROOT, "  %-8s test accuracy %.4f after %d epochs, %.0f images/s%n", name, testAccuracy,
                    c.epoch(), c.imagesPerSecond());
        }
    }

    private String commandLine() {
        return "./cnn-course " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /**
     * The command that trains this model from the start, as the metadata records it: the command line without
     * {@code --resume}, since a resumed run repeats the epochs an uninterrupted one would have trained.
     */
    private String reproducingCommand() {
        return "./cnn-course " + String.join(" ", spec.commandLine().getParseResult().originalArgs().stream()
                .filter(a -> !a.equals("--resume")).toList());
    }

    /** The --augment parts as given, joined by commas. */
    private String augmentParts() {
        return String.join(",", augment.stream().map(Augment::name).toList());
    }

    /** The commit when the training started (git describe, "+" when the tree had changes). */
    private String startCommit;

    /** The commit the sources are at ("+" when they have changes), or null outside a git checkout. */
    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty=+", "--abbrev=12")
                    .redirectErrorStream(true).start();
            String answer = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && answer.matches("[0-9a-f]{7,40}\\+?") ? answer : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String implName() {
        return sparkMaster != null ? "DL4J on Spark " + sparkMaster + " (" + sparkTraining + ")"
                : workers > 1 ? "DL4J x" + workers : "DL4J";
    }

    /** Constant, or exponential decay per batch from lr to lr * decay over all batches of the run. */
    static org.nd4j.linalg.schedule.ISchedule learningRateSchedule(double lr, double decay, int epochs, int batchesPerEpoch) {
        if (decay == 1) {
            return new org.nd4j.linalg.schedule.FixedSchedule(lr);
        }
        double gamma = Math.pow(decay, 1.0 / Math.max(1, (long) epochs * batchesPerEpoch - 1));
        return new org.nd4j.linalg.schedule.ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, lr, gamma);
    }

    /** The augmentation of the listed parts: shifts, flips and erasing combine; lecture holds flips, shifts and more. */
    static Augmentation augmentation(List<Augment> parts, long seed) {
        double erasing = parts.contains(Augment.erasing) ? Augmentation.ERASING_PROBABILITY : 0;
        if (parts.contains(Augment.lecture)) {
            return Augmentation.lecture(seed).withErasing(erasing);
        }
        double flips = parts.contains(Augment.flips) ? Augmentation.FLIP_PROBABILITY : 0;
        int shift = parts.contains(Augment.shifts) ? Augmentation.MAX_SHIFT_PIXELS : 0;
        return Augmentation.flipsAndShifts(flips, shift, seed).withErasing(erasing);
    }

    static void setLearningRate(org.deeplearning4j.nn.api.Model net, org.nd4j.linalg.schedule.ISchedule schedule) {
        org.cnncourse.models.Networks.setLearningRate(net, schedule);
    }

    private TrainingLoop.Options options(PipelineOptions pipeline, String checkpointName) {
        return new TrainingLoop.Options(epochs, batchSize, seed, 10_000, pipeline,
                out.resolve("checkpoints").resolve(checkpointName), resume, !noProgress, settings());
    }

    /** The options that shape a run, as its checkpoint records them: a resumed run must repeat them. */
    java.util.Map<String, String> settings() {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        m.put("network", model);
        m.put("--dataset", dataset);
        m.put("--lr", Double.toString(learningRate));
        m.put("--lr-decay", Double.toString(learningRateDecay));
        m.put("--augment", augmentParts());
        m.put("--train-limit", Integer.toString(trainLimit));
        m.put("--validation", Integer.toString(validation));
        m.put("--workers", Integer.toString(workers));
        m.put("--averaging", Integer.toString(averaging));
        m.put("--spark", sparkMaster == null ? "no" : sparkMaster + " " + sparkTraining);
        if (nesterov()) {
            // Only when not Adam, like the weight decay below.
            m.put("--updater", updater);
            m.put("--momentum", Double.toString(momentum));
        }
        if (weightDecay != 0) {
            // Only when set, so that the checkpoints of runs without it still resume.
            m.put("--weight-decay", Double.toString(weightDecay));
        }
        if (lectureInit()) {
            m.put("--init", init);
        }
        if (learningRateDecay != 1) {
            // The decay is spread over all epochs of the run, so their number is part of the schedule.
            m.put("--epochs", Integer.toString(epochs));
        }
        return m;
    }

    static void writeCsv(Path csv, List<String> names, List<List<EpochResult>> histories, String heldOutName)
            throws IOException {
        StringBuilder sb = new StringBuilder("implementation,epoch,train_loss,train_accuracy," + heldOutName
                + "_accuracy,seconds,images_per_second\n");
        for (int i = 0; i < names.size(); i++) {
            for (EpochResult r : histories.get(i)) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%.6f,%.1f,%.1f%n", names.get(i), r.epoch(),
                        r.trainLoss(), r.trainAccuracy(), r.testAccuracy(), r.seconds(), r.imagesPerSecond()));
            }
        }
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.writeString(csv, sb.toString());
    }
}
