package org.cnncourse.lessons.l13;

import java.util.List;
import org.cnncourse.data.Augmentation;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.ImageSets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.lessons.support.Dl4jPrecision;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.Dl4jTrainable;
import org.cnncourse.models.TrainingLoop;
import org.cnncourse.models.Dl4jSimpleConvNet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Accuracy with and without the lecture's augmentation, measured where it matters most: few
 * training images. The same network, seed and batches; only the pipeline's augmentation differs.
 */
public final class AugmentationEffect {
    private AugmentationEffect() {
    }

    public record Setup(int trainImages, int testImages, int epochs, int batchSize, long seed) {
    }

    /** Loss and accuracies after each epoch. */
    public record Run(String name, List<EpochResult> history) {
        public EpochResult last() {
            return history.get(history.size() - 1);
        }

        /** The epoch with the best test accuracy (the first of equals). */
        public EpochResult best() {
            return history.stream().max(java.util.Comparator.comparingDouble(EpochResult::testAccuracy)).orElseThrow();
        }

        /** Train minus test accuracy after the last epoch: how much the network memorised. */
        public double gap() {
            return last().trainAccuracy() - last().testAccuracy();
        }
    }

    /** The lesson's setting: 500 training images, 1,000 test images, 20 epochs. */
    public static Setup lessonSetup() {
        int trainImages = 500, testImages = 1000, epochs = 20, batchSize = 50;
        long seed = 13;
        return new Setup(trainImages, testImages, epochs, batchSize, seed);
    }

    /**
     * Trains the DL4J SimpleConvNet on the first training images, with the given augmentation.
     * On one thread, so that the printed accuracies do not depend on the thread count.
     */
    public static Run train(String name, Augmentation augmentation, Setup s, ImageSet train, ImageSet test) {
        return org.cnncourse.lessons.support.Nd4jThreads.onOne(() -> trainHere(name, augmentation, s, train, test));
    }

    /** The course's TrainingLoop, without checkpoints: each epoch's train accuracy on the plain images. */
    private static Run trainHere(String name, Augmentation augmentation, Setup s, ImageSet train, ImageSet test) {
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(train.rows(), train.cols(), 1, 10,
                s.seed(), DataType.FLOAT));
        net.init();
        TrainingLoop.Options options = new TrainingLoop.Options(s.epochs(), s.batchSize(), s.seed(), s.trainImages(),
                PipelineOptions.training(s.batchSize(), s.seed()).withAugmentation(augmentation), null, false, false);
        List<EpochResult> history = Dl4jPrecision.inFloat(() -> {
            try {
                return TrainingLoop.run(name, new Dl4jTrainable(net), ImageSets.first(train, s.trainImages()),
                        ImageSets.first(test, s.testImages()), options, TrainingLoop.SILENT);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new Run(name, history);
    }
}
