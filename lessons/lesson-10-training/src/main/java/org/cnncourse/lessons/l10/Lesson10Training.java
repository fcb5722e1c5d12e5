package org.cnncourse.lessons.l10;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.engine.FastLayers;
import org.cnncourse.lessons.support.ByHandTrainable;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.models.AccuracyChart;
import org.cnncourse.models.Dl4jTrainable;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.cnncourse.models.TrainingLoop;
import org.cnncourse.scratch.SimpleConvNet;

/**
 * Lesson 10: training the SimpleConvNet on real digits ("MNIST 학습"), by hand and with DL4J
 * through the same DataVec pipeline: Adam lr 0.001, minibatch 100, train and test accuracy
 * after every epoch, and the lecture's accuracy plot. The lesson runs a short version from He
 * initialisation; the lecture's full runs are {@code ./cnn-course train --epochs 20 --init lecture}.
 */
public final class Lesson10Training implements Lesson {
    public static final long SEED = 10;

    public static void main(String[] args) {
        Lesson.runStandalone(new Lesson10Training());
    }

    @Override
    public int number() {
        return 10;
    }

    @Override
    public String slug() {
        return "training";
    }

    @Override
    public String title() {
        return "Training the SimpleConvNet by hand and with DL4J on the MNIST digits";
    }

    @Override
    public List<Picture> pictures() {
        return List.of(
                Picture.written("accuracy.png", "This lesson's short run: train and test accuracy per epoch on 4,000 digits, "
                        + "DL4J and by hand on the same batches"),
                Picture.shipped("models/trained/simple-convnet-fashion-accuracy.png", "The shipped SimpleConvNet: the "
                        + "lecture's 20 epochs on Fashion-MNIST (Adam 0.001, batch 100, weight_init_std 0.01), both implementations"),
                Picture.shipped("models/trained/simple-convnet-digits-accuracy.png",
                        "The shipped SimpleConvNet on the MNIST digits, 20 epochs"));
    }

    /** Both histories of a short run: DL4J first, then by hand. */
    public record Run(List<EpochResult> dl4j, List<EpochResult> byHand, String log) {
        public double finalGapPoints() {
            return 100 * (dl4j.get(dl4j.size() - 1).testAccuracy() - byHand.get(byHand.size() - 1).testAccuracy());
        }
    }

    /** Trains both networks on the first {@code trainImages} training digits for {@code epochs} epochs. */
    public static Run train(int trainImages, int epochs, Path checkpoints) {
        ImageSet train = ImageSets.first(CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN), trainImages);
        ImageSet test = CourseDatasets.mnistDigits(CourseDatasets.Split.TEST);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(log, true);
        try {
            List<EpochResult> dl4j = TrainingLoop.run("DL4J", new Dl4jTrainable(Dl4jSimpleConvNet.build(SEED)), train, test,
                    options(epochs, checkpoints, "dl4j"), p);
            SimpleConvNet byHandNet = new SimpleConvNet(
                    SimpleConvNet.Config.lecture().withInit(SimpleConvNet.WeightInit.HE), SEED,
                    FastLayers.KIT); // the engine's layers, tested equal to the readable ones, for speed
            List<EpochResult> byHand = TrainingLoop.run("by hand", new ByHandTrainable(byHandNet, 0.001), train, test,
                    options(epochs, checkpoints, "by-hand"), p);
            return new Run(dl4j, byHand, log.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same batches, seed and evaluation for both networks; only the checkpoint folder differs. */
    private static TrainingLoop.Options options(int epochs, Path checkpoints, String name) {
        return new TrainingLoop.Options(epochs, 100, SEED, 2000, PipelineOptions.training(100, SEED),
                checkpoints == null ? null : checkpoints.resolve(name), false, false);
    }

    static Path outputDir() {
        return Path.of(System.getProperty("cnncourse.out", "out")).resolve("lesson-10");
    }

    @Override
    public void run(LessonOutput out) {
        out.section("2 epochs on the first 4,000 training digits, tested on the 2,000 test digits");
        out.text("  Both networks read the same shuffled batches of 100 from the DataVec pipeline and use Adam,");
        out.text("  lr 0.001. DL4J trains in float32, the by-hand network in double precision.");
        Run r = train(4000, 2, null);
        out.text("  %-6s %-24s %-24s", "epoch", "DL4J train / test", "by hand train / test");
        for (int i = 0; i < r.dl4j().size(); i++) {
            EpochResult a = r.dl4j().get(i), b = r.byHand().get(i);
            out.text("  %-6d %.4f / %.4f          %.4f / %.4f", a.epoch(), a.trainAccuracy(), a.testAccuracy(),
                    b.trainAccuracy(), b.testAccuracy());
        }
        out.text("  speed: DL4J %.0f images/s, by hand %.0f images/s", r.dl4j().get(r.dl4j().size() - 1).imagesPerSecond(),
                r.byHand().get(r.byHand().size() - 1).imagesPerSecond());
        double dl4jAcc = r.dl4j().get(r.dl4j().size() - 1).testAccuracy();
        double byHandAcc = r.byHand().get(r.byHand().size() - 1).testAccuracy();
        out.check(String.format("both learn: test accuracy DL4J %.4f, by hand %.4f (above 0.90)", dl4jAcc, byHandAcc),
                dl4jAcc > 0.90 && byHandAcc > 0.90);
        out.check(String.format("they land close together: %+.2f points apart (within 2)", r.finalGapPoints()),
                Math.abs(r.finalGapPoints()) <= 2);
        try {
            Path png = outputDir().resolve("accuracy.png");
            AccuracyChart.write("SimpleConvNet on the MNIST digits (4,000 images)", List.of("DL4J", "by hand"),
                    List.of(r.dl4j(), r.byHand()), png);
            out.text("  plot: %s", png);
        } catch (IOException e) {
            out.failure("writing the plot", e);
        }
        out.text("  Full runs (20 epochs, all images): ./cnn-course train --dataset digits|fashion --epochs 20");
    }
}
