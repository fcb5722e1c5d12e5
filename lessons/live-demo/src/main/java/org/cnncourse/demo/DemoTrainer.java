package org.cnncourse.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cnncourse.data.Augmentation;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.models.CourseNetworks;
import org.cnncourse.models.ModelMetadata;
import org.cnncourse.models.ModelZips;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * DL4J training on its own thread, steered by the page: start, pause, reset, and settings that
 * apply at the next batch. The page never touches the network being trained: every second a
 * copy is taken for predictions, activations and test accuracy, so requests never stall training.
 */
public final class DemoTrainer implements AutoCloseable {
    /** The course's layer-stack networks: the page shows activations layer by layer, which a graph has not. */
    public static final Map<String, CourseNetworks.Network> NETWORKS = CourseNetworks.ALL.entrySet().stream()
            .filter(e -> !e.getValue().graph())
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                    java.util.LinkedHashMap::new));

    public static final List<String> UPDATERS = List.of("adam", "sgd-momentum", "adadelta");

    /** What the page can change; a new network or dataset means a reset. */
    public record Settings(String network, String dataset, double learningRate, int batchSize, String updater,
                           boolean augment) {
        public Settings {
            if (!NETWORKS.containsKey(network)) {
                throw new IllegalArgumentException("unknown network '" + network + "'; available: " + String.join(", ", NETWORKS.keySet()));
            }
            if (!dataset.equals("fashion") && !dataset.equals("digits")) {
                throw new IllegalArgumentException("unknown dataset '" + dataset + "'; available: fashion, digits");
            }
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
            }
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("batch size must be in 1..1000, got " + batchSize);
            }
            if (!UPDATERS.contains(updater)) {
                throw new IllegalArgumentException("unknown updater '" + updater + "'; available: " + UPDATERS);
            }
        }

        public static Settings defaults() {
            return new Settings("simple-convnet", "fashion", 1e-3, 50, "adam", false);
        }
    }

    public enum State { IDLE, RUNNING, PAUSED }

    /** One point of the curves: batches trained, loss, and accuracies (NaN when not measured then). */
    public record Point(long batch, double loss, double trainAccuracy, double testAccuracy) {
    }

    static final int TEST_IMAGES = 500;
    /** Fixed so that a demo run's random flips and shifts repeat from one start to the next. */
    static final long AUGMENTATION_SEED = 7;

    private final long seed;
    private volatile Settings settings;
    private volatile State state = State.IDLE;
    private Thread thread;
    private final Object trainLock = new Object();
    private MultiLayerNetwork net;
    private volatile Snapshot snapshot;
    private ImageSet train, test, fullTest;
    private DataSet testBatch;
    private DataSetIterator iterator;
    private boolean settingsChanged;
    private final AtomicLong batches = new AtomicLong(), examples = new AtomicLong();
    private volatile int epoch = 1;
    private volatile long epochExamples;
    private final List<Point> points = new ArrayList<>();
    private volatile double examplesPerSecond;
    private volatile String error;

    /**
     * A frozen copy of the network for the page's questions. Use it through {@link #withSnapshot}:
     * DL4J networks are not thread-safe, and a superseded snapshot's native memory is freed as soon
     * as no request is using it.
     */
    public static final class Snapshot {
        private final MultiLayerNetwork net;
        private final Settings settings;
        private final long batch;
        private boolean closed;

        Snapshot(MultiLayerNetwork net, Settings settings, long batch) {
            this.net = net;
            this.settings = settings;
            this.batch = batch;
        }

        public MultiLayerNetwork net() {
            return net;
        }

        public Settings settings() {
            return settings;
        }

        public long batch() {
            return batch;
        }

        /** The input side of this network (32 for LeNet-5). */
        public int side() {
            return NETWORKS.get(settings.network()).side();
        }

        public synchronized INDArray output(INDArray x) {
            return net.output(x, false);
        }

        public synchronized List<INDArray> activations(INDArray x) {
            return net.feedForward(x, false);
        }

        synchronized boolean isClosed() {
            return closed;
        }

        /** Waits for the request using it, then frees its parameters. */
        synchronized void close() {
            if (!closed) {
                closed = true;
                freeNativeMemory(net);
            }
        }
    }

    /**
     * Frees a network's parameters, gradients and updater state now instead of whenever the garbage
     * collector gets to them (off-heap memory does not press on the Java heap, so without this it
     * piles up across resets). Unlike {@code MultiLayerNetwork.close()} it neither destroys the calling
     * thread's workspaces nor forces a full garbage collection.
     */
    static void freeNativeMemory(MultiLayerNetwork n) {
        if (n == null) {
            return;
        }
        java.util.List<INDArray> arrays = new java.util.ArrayList<>();
        arrays.add(n.params());
        arrays.add(n.getGradientsViewArray());
        if (n.getUpdater(false) != null) {
            arrays.add(n.getUpdater(false).getStateViewArray());
        }
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Runs {@code use} on the current snapshot, which stays open meanwhile. */
    public <T> T withSnapshot(java.util.function.Function<Snapshot, T> use) {
        while (true) {
            Snapshot s = snapshot;
            synchronized (s) {
                if (!s.isClosed()) {
                    return use.apply(s);
                }
            }
        }
    }

    /** Publishes a new snapshot and frees the one it replaces. */
    private void publish(Snapshot fresh) {
        Snapshot old = snapshot;
        snapshot = fresh;
        if (old != null) {
            old.close();
        }
    }

    public DemoTrainer(Settings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
        rebuild();
    }

    public Settings settings() {
        return settings;
    }

    public State state() {
        return state;
    }

    public String error() {
        return error;
    }

    public long batches() {
        return batches.get();
    }

    public long examples() {
        return examples.get();
    }

    public double examplesPerSecond() {
        return examplesPerSecond;
    }

    public int epoch() {
        return epoch;
    }

    /** Fraction of the current epoch done. */
    public double epochProgress() {
        ImageSet t = train;
        return t == null ? 0 : Math.min(1, (double) epochExamples / t.size());
    }

    public List<Point> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    /** The network being trained (for tests). */
    MultiLayerNetwork trainingNetwork() {
        return net;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ImageSet testSet() {
        return test;
    }

    public synchronized void start() {
        if (state == State.RUNNING) {
            return;
        }
        state = State.RUNNING;
        if (thread == null || !thread.isAlive()) {
            thread = new Thread(this::loop, "demo-training");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    /** Stops training; returns once the batch in flight, if any, has finished, so no batch runs after it. */
    public void pause() {
        synchronized (this) {
            if (state == State.RUNNING) {
                state = State.PAUSED;
            }
        }
        synchronized (trainLock) {
            // Nothing: the loop holds this lock for a whole batch and checks the state inside it.
        }
    }

    /** A fresh network with the given settings; training stops until started again. */
    public void reset(Settings s) {
        synchronized (this) {
            state = State.IDLE;
        }
        synchronized (trainLock) {
            settings = s;
            rebuild();
        }
        // Building a network leaves off-heap temporaries (weight initialisation, the test batch's
        // conversions) that only a garbage collection frees, and the small Java heap rarely asks for
        // one: without this, memory climbed by gigabytes over a few hundred network switches. A reset
        // is rare and a collection takes milliseconds.
        System.gc();
    }

    /** Learning rate, batch size, updater and augmentation apply from the next batch; network or dataset reset. */
    public void update(Settings s) {
        Settings old = settings;
        if (!old.network().equals(s.network()) || !old.dataset().equals(s.dataset())) {
            reset(s);
            return;
        }
        synchronized (trainLock) {
            settings = s;
            settingsChanged = true;
        }
    }

    private void rebuild() {
        Settings s = settings;
        try {
            train = CourseDatasets.byName(s.dataset(), CourseDatasets.Split.TRAIN);
            fullTest = CourseDatasets.byName(s.dataset(), CourseDatasets.Split.TEST);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        test = ImageSets.first(fullTest, TEST_IMAGES);
        // Read once per network and dataset: the live test accuracy is measured on it every second.
        testBatch = Pipelines.iterator(test, NETWORKS.get(s.network()).fitTo(PipelineOptions.evaluation(TEST_IMAGES), test)).next();
        freeNativeMemory(net);
        net = (MultiLayerNetwork) NETWORKS.get(s.network()).build().apply(seed);
        applyUpdater(net, s);
        iterator = null;
        batches.set(0);
        examples.set(0);
        epoch = 1;
        epochExamples = 0;
        examplesPerSecond = 0;
        error = null;
        synchronized (points) {
            points.clear();
        }
        settingsChanged = false;
        publish(new Snapshot(net.clone(), s, 0));
    }

    static IUpdater updater(Settings s) {
        return switch (s.updater()) {
            case "adam" -> new Adam(s.learningRate());
            case "sgd-momentum" -> new Nesterovs(s.learningRate(), 0.9);
            case "adadelta" -> new AdaDelta();
            default -> throw new IllegalArgumentException("unknown updater " + s.updater());
        };
    }

    /** Sets every layer's updater; a changed updater type starts with fresh updater state. */
    static void applyUpdater(MultiLayerNetwork net, Settings s) {
        IUpdater u = updater(s);
        boolean typeChanged = false;
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BaseLayer b) {
                typeChanged |= b.getIUpdater() == null || b.getIUpdater().getClass() != u.getClass();
                b.setIUpdater(u.clone());
            }
        }
        if (typeChanged) {
            net.setUpdater(null);
        } else if (!(u instanceof AdaDelta)) {
            net.setLearningRate(s.learningRate());
        }
    }

    private void loop() {
        long windowStart = System.nanoTime(), windowExamples = 0, lastSnapshot = System.nanoTime();
        double lossAverage = Double.NaN;
        while (true) {
            synchronized (this) {
                while (state != State.RUNNING) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    windowStart = System.nanoTime();
                    windowExamples = 0;
                }
            }
            try {
                synchronized (trainLock) {
                    if (state != State.RUNNING) {
                        continue;
                    }
                    Settings s = settings;
                    if (settingsChanged) {
                        applyUpdater(net, s);
                        iterator = null;
                        settingsChanged = false;
                    }
                    if (iterator == null || !iterator.hasNext()) {
                        if (iterator != null) {
                            epoch++;
                            epochExamples = 0;
                        }
                        PipelineOptions p = PipelineOptions.training(s.batchSize(), seed * 1000 + epoch)
                                .withAugmentation(s.augment() ? lectureAugmentation(s) : Augmentation.none()).withPrefetch(0);
                        iterator = Pipelines.iterator(train, NETWORKS.get(s.network()).fitTo(p, train));
                    }
                    DataSet ds = iterator.next();
                    net.fit(ds);
                    double loss = net.score();
                    if (!Double.isFinite(loss)) {
                        error = String.format(Locale.ROOT, "the loss became %s after %d batches: lower the learning rate and reset",
                                loss, batches.get());
                        synchronized (this) {
                            state = State.PAUSED;
                        }
                        continue;
                    }
                    lossAverage = Double.isNaN(lossAverage) ? loss : 0.9 * lossAverage + 0.1 * loss;
                    long b = batches.incrementAndGet();
                    examples.addAndGet(ds.numExamples());
                    epochExamples += ds.numExamples();
                    windowExamples += ds.numExamples();
                    double trainAcc = Double.NaN, testAcc = Double.NaN;
                    if (b % 10 == 0) {
                        trainAcc = accuracy(net.output(ds.getFeatures(), false), ds.getLabels());
                    }
                    long now = System.nanoTime();
                    if (now - lastSnapshot > 1_000_000_000L) {
                        // Measured before it is published: the page's requests queue on a published snapshot.
                        Snapshot fresh = new Snapshot(net.clone(), s, b);
                        testAcc = testAccuracy(fresh);
                        publish(fresh);
                        lastSnapshot = now;
                    }
                    synchronized (points) {
                        points.add(new Point(b, lossAverage, trainAcc, testAcc));
                        if (points.size() > 5000) {
                            points.subList(0, points.size() - 5000).clear();
                        }
                    }
                    double secs = (now - windowStart) / 1e9;
                    if (secs > 1) {
                        examplesPerSecond = windowExamples / secs;
                        windowStart = now;
                        windowExamples = 0;
                    }
                }
            } catch (RuntimeException e) {
                error = "training stopped: " + e.getMessage();
                synchronized (this) {
                    state = State.PAUSED;
                }
            }
        }
    }

    private static Augmentation lectureAugmentation(Settings s) {
        // Flips change a digit's class: the digits get the 2-pixel shifts only.
        return s.dataset().equals("digits") ? Augmentation.shiftsOnly(Augmentation.MAX_SHIFT_PIXELS, AUGMENTATION_SEED)
                : Augmentation.flipsAndShifts(Augmentation.FLIP_PROBABILITY, Augmentation.MAX_SHIFT_PIXELS, AUGMENTATION_SEED);
    }

    private double testAccuracy(Snapshot snap) {
        return accuracy(snap.output(testBatch.getFeatures()), testBatch.getLabels());
    }

    static double accuracy(INDArray probabilities, INDArray labels) {
        INDArray guess = Nd4j.argMax(probabilities, 1), truth = Nd4j.argMax(labels, 1);
        return guess.eq(truth).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }

    /** Saves the current network (a fresh snapshot) as a model zip with the course's metadata. */
    public Path save(Path zip) throws IOException {
        Snapshot snap;
        synchronized (trainLock) {
            snap = new Snapshot(net.clone(), settings, batches.get());
        }
        Settings s = snap.settings();
        int side = NETWORKS.get(s.network()).side();
        // The whole test set, as every zip's metadata records it.
        try {
            double acc = org.cnncourse.models.Evaluations.evaluate(snap.net(), fullTest, side).accuracy();
            ModelZips.save(snap.net(), zip, new ModelMetadata(s.network(), s.dataset(), train.classNames(),
                    List.of(1, side, side), epoch, seed, acc, ModelZips.dl4jVersion(), null, ModelZips.now()), false);
        } finally {
            snap.close();
        }
        return zip;
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
