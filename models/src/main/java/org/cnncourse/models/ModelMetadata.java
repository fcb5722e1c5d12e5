package org.cnncourse.models;

import java.util.List;

/**
 * What is known about a saved model, written as JSON beside its zip.
 *
 * @param architecture e.g. "simple-convnet"
 * @param dataset      e.g. "fashion" or "digits"
 * @param classNames   in label order
 * @param inputShape   (channels, height, width)
 * @param epochs       epochs trained
 * @param seed         the seed of initialisation and shuffling
 * @param testAccuracy accuracy on the dataset's test set, 0-1
 * @param dl4jVersion  the DL4J version that wrote the zip
 * @param sha256       SHA-256 of the zip's bytes, checked on load
 * @param createdAt    ISO-8601 time of writing
 */
public record ModelMetadata(String architecture, String dataset, List<String> classNames, List<Integer> inputShape,
                            int epochs, long seed, double testAccuracy, String dl4jVersion, String sha256,
                            String createdAt) {

    public ModelMetadata withChecksum(String sha) {
        return new ModelMetadata(architecture, dataset, classNames, inputShape, epochs, seed, testAccuracy, dl4jVersion,
                sha, createdAt);
    }
}
