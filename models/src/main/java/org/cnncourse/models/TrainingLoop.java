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
     */
    public record Options(int epochs, int batchSize, long seed, int trainEvalImages, PipelineOptions pipeline,
                          Path checkpointDir, boolean resume, boolean progressBar) {
    }

    /** What the checkpoint folder records besides the model. */
    public record State(int epochsDone, List<EpochResult> history) {
    }

    private TrainingLoop() {
    }

    public static List<EpochResult> run(String name, Trainable model, ImageSet train, ImageSet test, Options o,
                                        PrintStream log) throws IOException {
        List<EpochResult> history = new ArrayList<>();
        int start = 1;
        if (o.resume() && o.checkpointDir() != null && Files.isRegularFile(o.checkpointDir().resolve("state.json"))) {
            State s = JSON.readValue(o.checkpointDir().resolve("state.json").toFile(), State.class);
            model.loadCheckpoint(o.checkpointDir());
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
            double testAcc = model.accuracy(Pipelines.iterator(test, eval));
            EpochResult r = new EpochResult(epoch, lossSum[0] / batches[0], trainAcc, testAcc, seconds, images[0] / seconds);
            history.add(r);
            log.printf(Locale.ROOT, "%s epoch %2d/%d: loss %.4f, train accuracy %.4f, test accuracy %.4f, %.0f images/s%n",
                    name, epoch, o.epochs(), r.trainLoss(), trainAcc, testAcc, r.imagesPerSecond());
            if (o.checkpointDir() != null) {
                checkpoint(model, o.checkpointDir(), new State(epoch, history));
            }
        }
        return history;
    }

    private static void checkpoint(Trainable model, Path dir, State state) throws IOException {
        Files.createDirectories(dir);
        model.saveCheckpoint(dir);
        AtomicFiles.write(dir.resolve("state.json"), tmp -> JSON.writeValue(tmp.toFile(), state));
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
