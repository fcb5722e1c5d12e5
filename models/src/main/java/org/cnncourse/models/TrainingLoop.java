package org.cnncourse.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cnncourse.data.AtomicFiles;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Epochs of minibatch training through the data pipelines, for DL4J and by-hand networks
 * alike: a progress bar with images/s and ETA, train and test accuracy after each epoch, a
 * checkpoint after each epoch (resumable after a kill), and a stop on a NaN or infinite loss.
 */
public final class TrainingLoop {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param epochs          total epochs (a resumed run continues up to this)
     * @param batchSize       minibatch size
     * @param seed            seed of the shuffle (epoch e uses seed * 1000 + e)
     * @param trainEvalImages train accuracy is measured on the first this-many training images
     * @param pipeline        geometry and augmentation of training batches (batch size and seed are set here)
     * @param checkpointDir   where checkpoints go, or null for none
     * @param resume          continue from the checkpoint in checkpointDir when there is one
     * @param progressBar     show a progress bar on standard error
     * @param settings        the caller's hyper-parameters by name (learning rate, ...): recorded in the checkpoint,
     *                        and a resumed run must give the same ones
     */
    public record Options(int epochs, int batchSize, long seed, int trainEvalImages, PipelineOptions pipeline,
                          Path checkpointDir, boolean resume, boolean progressBar, Map<String, String> settings) {
        public Options(int epochs, int batchSize, long seed, int trainEvalImages, PipelineOptions pipeline,
                       Path checkpointDir, boolean resume, boolean progressBar) {
            this(epochs, batchSize, seed, trainEvalImages, pipeline, checkpointDir, resume, progressBar, Map.of());
        }

        /** Everything that shapes the run besides the number of epochs, as the checkpoint records it. */
        Map<String, String> recordedSettings() {
            Map<String, String> all = new TreeMap<>(settings);
            all.put("batch size", Integer.toString(batchSize));
            all.put("seed", Long.toString(seed));
            return all;
        }
    }

    /** What the checkpoint folder records besides the model. */
    public record State(int epochsDone, List<EpochResult> history, Map<String, String> settings) {
    }

    /** The folder inside a checkpoint folder that holds the epoch with the best held-out accuracy so far. */
    public static final String BEST_DIR = "best";

    /** The epoch with the highest held-out accuracy (the first of equals): the one a run ships. */
    public static int bestEpoch(List<EpochResult> history) {
        EpochResult best = null;
        for (EpochResult r : history) {
            if (best == null || r.testAccuracy() > best.testAccuracy()) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no epoch was trained");
        }
        return best.epoch();
    }

    /** Loads the best epoch's checkpoint of a run into {@code model}. */
    public static void restoreBest(Trainable model, Path checkpointDir) throws IOException {
        Path best = checkpointDir.resolve(BEST_DIR);
        try {
            model.loadCheckpoint(best);
        } catch (IOException | RuntimeException e) {
            throw new IOException(best + ": the best epoch's checkpoint cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    /** The file of a checkpoint folder that says how far the run got. */
    public static final String STATE_FILE = "state.json";

    private TrainingLoop() {
    }

    /** A log that prints nothing, for trainings whose caller reports the history itself. */
    public static final PrintStream SILENT = new PrintStream(java.io.OutputStream.nullOutputStream());

    public static List<EpochResult> run(String name, Trainable model, ImageSet train, ImageSet test, Options o,
                                        PrintStream log) throws IOException {
        return run(name, model, train, test, "test", o, log);
    }

    /**
     * Trains, measuring after each epoch the accuracy on {@code heldOut}, which the log calls
     * {@code heldOutName} ("test", or "validation" when the run picks its epoch on it).
     */
    public static List<EpochResult> run(String name, Trainable model, ImageSet train, ImageSet heldOut, String heldOutName,
                                        Options o, PrintStream log) throws IOException {
        List<EpochResult> history = new ArrayList<>();
        int start = 1;
        if (o.resume()) {
            State s = resumable(o);
            try {
                model.loadCheckpoint(o.checkpointDir());
            } catch (IOException | RuntimeException e) {
                throw new IOException(o.checkpointDir() + ": the checkpoint cannot be loaded (" + e.getMessage()
                        + "); delete the folder to start afresh", e);
            }
            history.addAll(s.history());
            start = s.epochsDone() + 1;
            log.printf(Locale.ROOT, "%s: resuming after epoch %d from %s%n", name, s.epochsDone(), o.checkpointDir());
        }
        ImageSet trainEval = ImageSets.first(train, o.trainEvalImages());
        for (int epoch = start; epoch <= o.epochs(); epoch++) {
            PipelineOptions p = new PipelineOptions(o.batchSize(), o.seed() * 1000 + epoch, true, o.pipeline().padTo(),
                    o.pipeline().resizeTo(), o.pipeline().augmentation(), o.pipeline().prefetch());
            DataSetIterator it = Pipelines.iterator(train, p);
            long t0 = System.nanoTime();
            double[] lossSum = {0};
            int[] batches = {0}, images = {0};
            int epochNow = epoch;
            try (ProgressBar bar = progressBar(name, epoch, o.epochs(), train.size(), o.progressBar())) {
                model.fitEpoch(it, (n, loss) -> {
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(String.format(Locale.ROOT,
                                "%s: the loss became %s at epoch %d, batch %d (images %d-%d): training stopped and"
                                        + " nothing was saved for this epoch%s. Lower the learning rate, or check that"
                                        + " the inputs are scaled to [0, 1].", name, loss, epochNow, batches[0] + 1, images[0],
                                images[0] + n - 1, epochNow > 1 && o.checkpointDir() != null
                                        ? "; the checkpoint of epoch " + (epochNow - 1) + " is intact" : ""));
                    }
                    lossSum[0] += loss;
                    batches[0]++;
                    images[0] += n;
                    if (bar != null) {
                        bar.stepBy(n);
                        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum[0] / batches[0]));
                    }
                });
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            PipelineOptions eval = o.pipeline().padTo() > 0 ? PipelineOptions.evaluation(200).withPadTo(o.pipeline().padTo())
                    : o.pipeline().resizeTo() > 0 ? PipelineOptions.evaluation(200).withResizeTo(o.pipeline().resizeTo())
                    : PipelineOptions.evaluation(200);
            double trainAcc = model.accuracy(Pipelines.iterator(trainEval, eval));
            double testAcc = model.accuracy(Pipelines.iterator(heldOut, eval));
            EpochResult r = new EpochResult(epoch, lossSum[0] / batches[0], trainAcc, testAcc, seconds, images[0] / seconds);
            history.add(r);
            log.printf(Locale.ROOT, "%s epoch %2d/%d: loss %.4f, train accuracy %.4f, %s accuracy %.4f, %.0f images/s%n",
                    name, epoch, o.epochs(), r.trainLoss(), trainAcc, heldOutName, testAcc, r.imagesPerSecond());
            if (o.checkpointDir() != null) {
                if (bestEpoch(history) == epoch) {
                    // Before the state: a kill in between repeats this epoch, which saves it again.
                    Path best = o.checkpointDir().resolve(BEST_DIR);
                    Files.createDirectories(best);
                    model.saveCheckpoint(best);
                }
                checkpoint(model, o.checkpointDir(), new State(epoch, history, o.recordedSettings()));
            }
        }
        return history;
    }

    /**
     * The state of the checkpoint a resumed run continues, after checking that it exists, can be
     * read and was made with the same settings; each refusal names the file or the setting.
     */
    public static State resumable(Options o) throws IOException {
        if (o.checkpointDir() == null) {
            throw new IllegalArgumentException("resuming needs a checkpoint folder");
        }
        Path file = o.checkpointDir().resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("nothing to resume: " + file + " is missing (run without --resume to start afresh)");
        }
        State s;
        try {
            s = JSON.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable checkpoint state (" + e.getMessage() + ")", e);
        }
        if (s == null || s.history() == null || s.epochsDone() < 1 || s.history().size() != s.epochsDone()) {
            throw new IOException(file + ": not a usable checkpoint state (epochs done and history disagree)");
        }
        if (s.settings() == null) {
            throw new IOException(file + ": records no settings, so a resumed run cannot be checked against it;"
                    + " start afresh without --resume");
        }
        List<String> changed = new ArrayList<>();
        Map<String, String> now = o.recordedSettings();
        java.util.Set<String> keys = new java.util.TreeSet<>(now.keySet());
        keys.addAll(s.settings().keySet());
        for (String key : keys) {
            String was = s.settings().get(key), is = now.get(key);
            if (!java.util.Objects.equals(was, is)) {
                changed.add(key + " " + is + " (the run started with " + was + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new IOException("--resume continues the run in " + o.checkpointDir() + " with its own settings, but "
                    + String.join(", ", changed) + " changed: give the same options, or start afresh in another folder");
        }
        if (s.epochsDone() >= o.epochs()) {
            throw new IOException("nothing to resume: " + o.checkpointDir() + " already holds " + s.epochsDone()
                    + " epochs and --epochs is " + o.epochs());
        }
        return s;
    }

    private static void checkpoint(Trainable model, Path dir, State state) throws IOException {
        Files.createDirectories(dir);
        model.saveCheckpoint(dir);
        AtomicFiles.write(dir.resolve(STATE_FILE), tmp -> JSON.writeValue(tmp.toFile(), state));
    }

    private static ProgressBar progressBar(String name, int epoch, int epochs, int total, boolean show) {
        if (!show) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "%s %d/%d", name, epoch, epochs))
                .setInitialMax(total)
                .setUnit(" img", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
