package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class TrainingLoopTest {
    @TempDir
    Path dir;

    static ImageSet train() {
        return ImageSets.first(CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN), 600);
    }

    static ImageSet test() {
        return ImageSets.first(CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 300);
    }

    TrainingLoop.Options options(int epochs, boolean resume) {
        return new TrainingLoop.Options(epochs, 100, 5, 300, PipelineOptions.training(100, 5), dir.resolve("ckpt"), resume, false);
    }

    @Test
    void dl4jTrainingLowersTheLossAndRaisesAccuracy() throws IOException {
        Dl4jTrainable t = new Dl4jTrainable(Dl4jSimpleConvNet.build(5));
        List<EpochResult> h = TrainingLoop.run("DL4J", t, train(), test(), options(3, false), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(3, h.size());
        assertTrue(h.get(2).trainLoss() < h.get(0).trainLoss(), h.toString());
        assertTrue(h.get(2).testAccuracy() > 0.6, h.toString());
        assertTrue(Files.isRegularFile(dir.resolve("ckpt/state.json")));
        assertTrue(Files.isRegularFile(dir.resolve("ckpt/dl4j-checkpoint.zip")));
    }

    @Test
    void aResumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Path straightDir = dir.resolve("straight");
        Dl4jTrainable straight = new Dl4jTrainable(Dl4jSimpleConvNet.build(5));
        List<EpochResult> full = TrainingLoop.run("DL4J", straight, train(), test(),
                new TrainingLoop.Options(2, 100, 5, 300, PipelineOptions.training(100, 5), straightDir, false, false), quiet);

        // "Killed" after epoch 1, then resumed with a fresh network object.
        TrainingLoop.run("DL4J", new Dl4jTrainable(Dl4jSimpleConvNet.build(5)), train(), test(), options(1, false), quiet);
        Dl4jTrainable resumed = new Dl4jTrainable(Dl4jSimpleConvNet.build(99));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<EpochResult> h = TrainingLoop.run("DL4J", resumed, train(), test(), options(2, true), new PrintStream(log));
        assertTrue(log.toString().contains("resuming after epoch 1"), log.toString());
        assertEquals(2, h.size());
        assertEquals(full.get(1).testAccuracy(), h.get(1).testAccuracy(), 1e-9);
        assertEquals(straight.network().params(), resumed.network().params());
    }

    @Test
    void aComputationGraphTrainsEvaluatesAndCheckpointsThroughTheSameInterface() throws IOException {
        org.deeplearning4j.nn.graph.ComputationGraph g =
                new org.deeplearning4j.nn.graph.ComputationGraph(CompactArchitectures.resNetSmall(2));
        g.init();
        Dl4jTrainable t = new Dl4jTrainable(g);
        DataSet ds = org.cnncourse.data.Pipelines.iterator(ImageSets.first(train(), 16), PipelineOptions.evaluation(16)).next();
        assertTrue(Double.isFinite(t.fitBatch(ds)));
        double acc = t.accuracy(org.cnncourse.data.Pipelines.iterator(ImageSets.first(test(), 32), PipelineOptions.evaluation(16)));
        assertTrue(acc >= 0 && acc <= 1);
        Files.createDirectories(dir);
        t.saveCheckpoint(dir);
        Dl4jTrainable back = new Dl4jTrainable(new org.deeplearning4j.nn.graph.ComputationGraph(CompactArchitectures.resNetSmall(9)));
        ((org.deeplearning4j.nn.graph.ComputationGraph) back.model()).init();
        back.loadCheckpoint(dir);
        assertEquals(t.model().params(), back.model().params());
    }

    /** A network whose loss turns NaN on the third batch. */
    static final class Diverging implements Trainable {
        int batches;
        boolean checkpointed;

        public double fitBatch(DataSet batch) {
            return ++batches >= 3 ? Double.NaN : 1.0;
        }

        public double accuracy(DataSetIterator data) {
            return 0.5;
        }

        public void saveCheckpoint(Path d) {
            checkpointed = true;
        }

        public void loadCheckpoint(Path d) {
        }
    }

    @Test
    void aNanLossStopsTrainingWithAClearMessageAndSavesNothing() {
        Diverging d = new Diverging();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingLoop.run("toy", d, train(),
                test(), options(2, false), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("the loss became NaN at epoch 1, batch 3 (images 200-299)"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
        assertFalse(d.checkpointed);
        assertFalse(Files.exists(dir.resolve("ckpt/state.json")));
    }

    @Test
    void aDl4jNetworkWithNanWeightsReportsANonFiniteLoss() {
        Dl4jTrainable t = new Dl4jTrainable(Dl4jSimpleConvNet.build(5));
        DataSetIterator it = org.cnncourse.data.Pipelines.iterator(train(), PipelineOptions.evaluation(50));
        DataSet ds = it.next();
        // What a diverged step leaves behind: NaN weights in the output layer.
        t.network().getParam("3_b").assign(Double.NaN);
        assertFalse(Double.isFinite(t.fitBatch(ds)), "DL4J reports the non-finite score the loop stops on");
    }
}
