package org.cnncourse.models;

/** One epoch of training: mean minibatch loss, accuracies, and speed. */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double seconds,
                          double imagesPerSecond) {
}
