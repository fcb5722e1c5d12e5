package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsLeNet5OnPaddedDigitsAndWritesAZipThatEvaluatesTheSame() throws Exception {
        int code = new CommandLine(new CourseRunner()).execute("train", "lenet5", "--dataset", "digits", "--epochs", "1",
                "--train-limit", "300", "--weight-decay", "0.01", "--updater", "nesterov", "--momentum", "0.8",
                "--lr", "0.02", "--out", dir.toString(), "--no-progress");
        assertEquals(0, code);
        Path zip = dir.resolve("lenet5-digits.zip");
        ModelZips.Loaded m = ModelZips.load(zip, false);
        // The weight decay and the updater are part of the saved configuration, so a model trained on from the zip keeps them.
        var firstConv = (org.deeplearning4j.nn.conf.layers.BaseLayer) org.cnncourse.models.Networks.layers(m.network())[0]
                .conf().getLayer();
        var decay = (org.nd4j.linalg.learning.regularization.WeightDecay) firstConv.getRegularization().get(0);
        assertEquals(0.01, decay.getCoeff().valueAt(0, 0), 0);
        var updater = (org.nd4j.linalg.learning.config.Nesterovs) firstConv.getIUpdater();
        assertEquals(0.8, updater.getMomentum(), 0);
        assertEquals(0.02, updater.getLearningRate(0, 0), 1e-9);
        assertEquals(List.of(1, 32, 32), m.metadata().inputShape());
        double measured = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST),
                Evaluations.inputSide(m.metadata())).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 1e-9);
        assertTrue(Files.isRegularFile(dir.resolve("lenet5-digits-accuracy.png")));
        assertTrue(Files.readString(dir.resolve("lenet5-digits-history.csv")).startsWith("implementation,epoch"));
    }

    /** train with these arguments exits with a usage error whose message holds each of the phrases. */
    void assertRefused(List<String> phrases, String... arguments) {
        CommandLine cl = new CommandLine(new CourseRunner());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        List<String> line = new java.util.ArrayList<>(List.of("train"));
        line.addAll(List.of(arguments));
        line.addAll(List.of("--out", dir.toString()));
        assertEquals(2, cl.execute(line.toArray(String[]::new)), err.toString());
        for (String phrase : phrases) {
            assertTrue(err.toString().contains(phrase), err.toString());
        }
    }

    @Test
    void networksWithoutAByHandVersionRefuseByHandTraining() {
        assertRefused(List.of("vgg-small is trained with DL4J only"), "vgg-small", "--impl", "by-hand");
        assertRefused(List.of("no-such-net"), "no-such-net");
    }

    @Test
    void theLecturesInitialisationIsOfferedForTheSimpleConvNetOnly() {
        assertRefused(List.of("--init lecture is the SimpleConvNet's weight_init_std=0.01; lenet5"), "lenet5", "--init", "lecture");
        assertRefused(List.of("--init must be he or lecture, not xavier"), "--init", "xavier");
    }

    @Test
    void augmentationPartsCombineAndASinglePartIsWhatItAlwaysWas() {
        var flipsAndShifts = TrainCommand.augmentation(List.of(TrainCommand.Augment.flips, TrainCommand.Augment.shifts), 7);
        assertEquals(0.5, flipsAndShifts.flipProbability(), 0);
        assertEquals(2, flipsAndShifts.maxShift());
        assertEquals(1, flipsAndShifts.minCropScale(), 0);
        // Runs recorded with one part resume with the very same augmentation.
        assertEquals(org.cnncourse.data.Augmentation.flipsOnly(7), TrainCommand.augmentation(List.of(TrainCommand.Augment.flips), 7));
        assertEquals(org.cnncourse.data.Augmentation.shiftsOnly(2, 7),
                TrainCommand.augmentation(List.of(TrainCommand.Augment.shifts), 7));
        assertEquals(org.cnncourse.data.Augmentation.lecture(7),
                TrainCommand.augmentation(List.of(TrainCommand.Augment.lecture, TrainCommand.Augment.flips), 7));
        assertEquals(false, TrainCommand.augmentation(List.of(TrainCommand.Augment.none), 7).enabled());
    }

    @Test
    void erasingAddsZhongEtAlsRandomErasingToTheOtherParts() {
        var all = TrainCommand.augmentation(
                List.of(TrainCommand.Augment.flips, TrainCommand.Augment.shifts, TrainCommand.Augment.erasing), 7);
        assertEquals(0.5, all.erasingProbability(), 0);
        assertEquals(0.5, all.flipProbability(), 0);
        assertEquals(2, all.maxShift());
        var erasingOnly = TrainCommand.augmentation(List.of(TrainCommand.Augment.erasing), 7);
        assertEquals(0, erasingOnly.flipProbability(), 0);
        assertEquals(0, erasingOnly.maxShift());
        assertTrue(erasingOnly.enabled());
        assertEquals(org.cnncourse.data.Augmentation.lecture(7).withErasing(0.5),
                TrainCommand.augmentation(List.of(TrainCommand.Augment.lecture, TrainCommand.Augment.erasing), 7));
        assertEquals(0, TrainCommand.augmentation(List.of(TrainCommand.Augment.flips, TrainCommand.Augment.shifts), 7)
                .erasingProbability(), 0);
    }

    @Test
    void learningRateDecaysFromLrToLrTimesTheFactorOverTheRun() {
        var schedule = TrainCommand.learningRateSchedule(0.002, 0.05, 3, 10);
        assertEquals(0.002, schedule.valueAt(0, 0), 1e-15);
        assertEquals(0.002 * 0.05, schedule.valueAt(29, 2), 1e-12);
        assertTrue(schedule.valueAt(15, 1) < 0.002 && schedule.valueAt(15, 1) > 0.0001);
        assertEquals(0.002, TrainCommand.learningRateSchedule(0.002, 1, 3, 10).valueAt(29, 2), 0);
    }

    @Test
    void theLearningRateOptionReachesTheDl4jUpdater() {
        var net = (org.deeplearning4j.nn.multilayer.MultiLayerNetwork) org.cnncourse.models.CourseNetworks.get("lenet5").build().apply(1);
        TrainCommand.setLearningRate(net, TrainCommand.learningRateSchedule(0.0123, 1, 1, 1));
        assertEquals(0.0123, org.deeplearning4j.util.NetworkUtils.getLearningRate(net, 0), 1e-12);
        var graph = (org.deeplearning4j.nn.graph.ComputationGraph) org.cnncourse.models.CourseNetworks.get("resnet-small").build().apply(1);
        TrainCommand.setLearningRate(graph, TrainCommand.learningRateSchedule(0.0456, 1, 1, 1));
        assertEquals(0.0456, org.deeplearning4j.util.NetworkUtils.getLearningRate(graph, "stem"), 1e-12);
    }

    @Test
    void badLearningRatesAreRefusedWithTheirValue() {
        assertRefused(List.of("--lr-decay must be in (0, 1]", "1.5"), "lenet5", "--lr-decay", "1.5");
        assertRefused(List.of("--lr must be a positive number, not -1.0"), "lenet5", "--lr", "-1");
    }

    @Test
    void weightDecayIsRefusedWhenNegativeOrForTheByHandNetworkAndIsASettingOnlyWhenSet() {
        assertRefused(List.of("--weight-decay must be 0 (none) or a positive coefficient, not -0.5"), "lenet5", "--weight-decay", "-0.5");
        assertRefused(List.of("--weight-decay is for DL4J training"), "--weight-decay", "0.01");

        TrainCommand withDecay = new TrainCommand();
        new CommandLine(withDecay).parseArgs("resnet-20", "--weight-decay", "0.05");
        assertEquals("0.05", withDecay.settings().get("--weight-decay"));
        TrainCommand without = new TrainCommand();
        new CommandLine(without).parseArgs("resnet-20");
        // Checkpoints written before the option existed hold no such key, and still resume.
        assertTrue(!without.settings().containsKey("--weight-decay"), without.settings().toString());
    }

    @Test
    void nesterovIsRefusedForTheByHandNetworkAndMomentumWithAdamAndIsASettingOnlyWhenChosen() {
        assertRefused(List.of("--updater must be adam or nesterov, not 'rmsprop'"), "lenet5", "--updater", "rmsprop");
        assertRefused(List.of("--momentum must be in [0, 1), not 1.5"), "lenet5", "--updater", "nesterov", "--momentum", "1.5");
        assertRefused(List.of("--momentum is for --updater nesterov"), "lenet5", "--momentum", "0.9");
        assertRefused(List.of("--updater nesterov is for DL4J training"), "--updater", "nesterov", "--impl", "by-hand");

        TrainCommand nesterov = new TrainCommand();
        new CommandLine(nesterov).parseArgs("resnet-20", "--updater", "nesterov", "--momentum", "0.95");
        assertEquals("nesterov", nesterov.settings().get("--updater"));
        assertEquals("0.95", nesterov.settings().get("--momentum"));
        TrainCommand adam = new TrainCommand();
        new CommandLine(adam).parseArgs("resnet-20");
        // Checkpoints written before the option existed hold no such key, and still resume.
        assertTrue(!adam.settings().containsKey("--updater"), adam.settings().toString());
    }

    @Test
    void theEpochIsChosenOnAValidationSplitAndTheTestSetIsReadOnceForTheRecord() throws Exception {
        int code = CourseRunner.commandLine().execute("train", "lenet5", "--dataset", "digits", "--epochs", "3",
                "--train-limit", "600", "--validation", "120", "--lr", "0.003", "--out", dir.toString(), "--no-progress");
        assertEquals(0, code);
        List<String> rows = Files.readAllLines(dir.resolve("lenet5-digits-history.csv"));
        assertEquals("implementation,epoch,train_loss,train_accuracy,validation_accuracy,seconds,images_per_second", rows.get(0));
        int best = 0;
        double bestAccuracy = -1;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (Double.parseDouble(f[4]) > bestAccuracy) {
                bestAccuracy = Double.parseDouble(f[4]);
                best = Integer.parseInt(f[1]);
            }
        }
        ModelZips.Loaded m = ModelZips.load(dir.resolve("lenet5-digits.zip"), false);
        assertEquals(best, m.metadata().epochs(), "the shipped epoch is the best on validation");
        assertEquals(bestAccuracy, m.metadata().validationAccuracy(), 1e-6);
        double measured = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 32).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 1e-9, "the recorded test accuracy is the shipped network's");
        assertTrue(m.metadata().command().startsWith("./cnn-course train lenet5 --dataset digits --epochs 3"), m.metadata().command());
        assertTrue(m.metadata().commit() == null || m.metadata().commit().matches("[0-9a-f]{7,40}\\+?"), m.metadata().commit());
    }

    @Test
    void theValidationSplitIsTheSameForEveryRunAndStratified() {
        var train = CourseDatasets.fashionMnist(CourseDatasets.Split.TRAIN);
        var split = org.cnncourse.data.ImageSets.stratifiedSplit(train, TrainCommand.validationImagesFor(train.size()),
                TrainCommand.VALIDATION_SEED);
        assertEquals(5000, split.heldOut().size());
        assertEquals(55_000, split.kept().size());
        for (int count : split.heldOut().labelCounts()) {
            assertEquals(500, count, "Fashion-MNIST has 6,000 images of each class: 500 of each are held out");
        }
    }
}
