package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreboardTest {
    @Test
    void theSimpleConvNetCostsItsConvolutionAndTwoAffineLayers() {
        // conv1: 24x24 outputs x 30 filters x 5x5x1; affine1: 4,320 x 100; affine2: 100 x 10.
        long expected = 24L * 24 * 30 * 25 + 4320L * 100 + 100L * 10;
        assertEquals(expected, Scoreboard.multiplyAdds(Dl4jSimpleConvNet.build(1), List.of(1, 28, 28)));
    }

    @Test
    void batchNormalisationAndPoolingCostNoMultiplyAdds() {
        var bn = new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nIn(16).nOut(16).build();
        var dense = new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(16).nOut(16).build();
        org.deeplearning4j.nn.conf.inputs.InputType map = org.deeplearning4j.nn.conf.inputs.InputType.convolutional(7, 7, 16);
        assertEquals(0, Scoreboard.multiplyAdds(bn, map));
        assertEquals(16 * 16, Scoreboard.multiplyAdds(dense, org.deeplearning4j.nn.conf.inputs.InputType.feedForward(16)));
    }

    @Test
    void aGraphIsCountedVertexByVertex() {
        var graph = CourseNetworks.get("resnet-small").build().apply(1);
        long macs = Scoreboard.multiplyAdds(graph, List.of(1, 28, 28));
        // The stem alone: 14x14 outputs x 16 filters x 3x3x1; the whole network costs far more.
        assertTrue(macs > 14L * 14 * 16 * 9 * 10, Long.toString(macs));
    }

    @Test
    void theTrainingSpeedIsTheMedianOfTheDl4jEpochs(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("h.csv");
        Files.writeString(csv, """
                implementation,epoch,train_loss,train_accuracy,validation_accuracy,seconds,images_per_second
                DL4J,1,0.5,0.8,0.8,10,100.0
                DL4J,2,0.4,0.8,0.8,10,300.0
                DL4J,3,0.3,0.8,0.8,10,120.0
                by hand,1,0.5,0.8,0.8,10,5000.0
                """);
        assertEquals(120.0, Scoreboard.median(Scoreboard.dl4jEpochs(csv)), 0);
        assertEquals(3, Scoreboard.dl4jEpochs(csv).size(), "the by-hand epoch is not DL4J's");
        assertTrue(Double.isNaN(Scoreboard.median(Scoreboard.dl4jEpochs(dir.resolve("absent.csv")))));
    }

    @Test
    void theScoreboardFollowsTheCourseFromTheSimpleConvNetToTheResNets() {
        List<String> lessonOrder = List.of("simple-convnet", "lenet5", "alexnet-small", "vgg-small", "inception-small",
                "resnet-small", "resnet-20");
        for (int i = 1; i < lessonOrder.size(); i++) {
            assertTrue(Scoreboard.courseOrder(lessonOrder.get(i - 1)) < Scoreboard.courseOrder(lessonOrder.get(i)),
                    lessonOrder.get(i - 1) + " before " + lessonOrder.get(i));
        }
        assertTrue(Scoreboard.courseOrder("resnet-20") < Scoreboard.courseOrder("a-network-the-course-does-not-build"));
    }

    @Test
    void eachRowNamesTheCommandThatTrainedItOrSaysItWasNotRecorded() {
        var recorded = new ModelMetadata("lenet5", "fashion", List.of("a", "b"), List.of(1, 28, 28), 30, 1L, 0.9, "1.0.0-M2.1",
                "sha", "now", 0.91, "./cnn-course train lenet5 --dataset fashion --epochs 30", "abc", 1000);
        var unrecorded = new ModelMetadata("vgg-small", "fashion", List.of("a", "b"), List.of(1, 28, 28), 1, 1L, 0.8,
                "1.0.0-M2.1", "sha", "now");
        String lines = Scoreboard.commands(List.of(new Scoreboard.Entry("lenet5-fashion.zip", recorded, 1, 1, 1, 1000, 30),
                new Scoreboard.Entry("vgg-small-fashion.zip", unrecorded, 1, 1, 1, null, 1)));
        assertEquals(List.of("  lenet5-fashion           ./cnn-course train lenet5 --dataset fashion --epochs 30",
                "  vgg-small-fashion        (the run did not record its command)"), lines.lines().toList());
    }
}
