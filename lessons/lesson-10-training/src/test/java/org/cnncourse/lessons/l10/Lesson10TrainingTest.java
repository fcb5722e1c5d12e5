package org.cnncourse.lessons.l10;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.cnncourse.engine.FastLayers;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.lessons.support.ByHandTrainable;
import org.cnncourse.models.AccuracyChart;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.TrainingLoop;
import org.cnncourse.scratch.SimpleConvNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Lesson10TrainingTest {
    @TempDir
    Path dir;

    @Test
    void bothImplementationsLearnTheDigitsAndLandClose() {
        Lesson10Training.Run r = Lesson10Training.train(3000, 2, dir);
        for (List<EpochResult> h : List.of(r.dl4j(), r.byHand())) {
            assertEquals(2, h.size());
            assertTrue(h.get(1).trainLoss() < h.get(0).trainLoss(), h.toString());
            assertTrue(h.get(1).testAccuracy() > 0.9, h.toString());
        }
        assertTrue(Math.abs(r.finalGapPoints()) <= 2, "gap " + r.finalGapPoints() + "\n" + r.log());
        assertTrue(Files.isRegularFile(dir.resolve("by-hand/by-hand-checkpoint.params")));
        assertTrue(Files.isRegularFile(dir.resolve("dl4j/dl4j-checkpoint.zip")));
    }

    @Test
    void theByHandNetworkResumesExactlyWhereItStopped() throws Exception {
        ImageSet train = ImageSets.first(CourseDatasets.mnistDigits(CourseDatasets.Split.TRAIN), 500);
        ImageSet test = ImageSets.first(CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 200);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SimpleConvNet.Config c = SimpleConvNet.Config.lecture().withInit(SimpleConvNet.WeightInit.HE);
        // The engine's layers, as ./cnn-course train --impl by-hand runs them.
        ByHandTrainable straight = new ByHandTrainable(new SimpleConvNet(c, 3, FastLayers.KIT), 0.001);
        TrainingLoop.run("by hand", straight, train, test, options(2, dir.resolve("a"), false), quiet);

        TrainingLoop.run("by hand", new ByHandTrainable(new SimpleConvNet(c, 3, FastLayers.KIT), 0.001), train, test,
                options(1, dir.resolve("b"), false), quiet);
        ByHandTrainable resumed = new ByHandTrainable(new SimpleConvNet(c, 77, FastLayers.KIT), 0.001);
        TrainingLoop.run("by hand", resumed, train, test, options(2, dir.resolve("b"), true), quiet);
        for (String name : straight.network().params().keySet()) {
            assertArrayEquals(straight.network().params().get(name).data(), resumed.network().params().get(name).data(), 0.0, name);
        }
    }

    static TrainingLoop.Options options(int epochs, Path checkpoints, boolean resume) {
        return new TrainingLoop.Options(epochs, 100, 4, 200, PipelineOptions.training(100, 4), checkpoints, resume, false);
    }

    @Test
    void thePlotIsAPicture() throws Exception {
        List<EpochResult> h = List.of(new EpochResult(1, 0.5, 0.8, 0.78, 1, 100), new EpochResult(2, 0.3, 0.9, 0.88, 1, 100));
        Path png = dir.resolve("acc.png");
        AccuracyChart.write("test", List.of("DL4J"), List.of(h), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
    }
}
