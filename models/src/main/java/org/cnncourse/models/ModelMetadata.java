package org.cnncourse.models;

import java.util.List;

/**
 * What is known about a saved model. It travels inside the model zip (so the two can never be
 * separated or mismatched) and as a readable copy beside it.
 *
 * @param architecture e.g. "simple-convnet", a name of {@link CourseNetworks}
 * @param dataset      e.g. "fashion" or "digits"
 * @param classNames   in label order
 * @param inputShape   (channels, height, width)
 * @param epochs             epochs trained (with a validation split: up to the chosen, best epoch)
 * @param seed               the seed of initialisation and shuffling
 * @param testAccuracy       accuracy on the dataset's test set, 0-1
 * @param dl4jVersion        the DL4J version that wrote the zip
 * @param sha256             SHA-256 of the DL4J entries of the zip (configuration, coefficients, updater), checked on load
 * @param createdAt          ISO-8601 time of writing
 * @param validationAccuracy accuracy on the validation images that chose the epoch, or null when none were held out
 * @param command            the command line that trained it, or null
 * @param commit             the source commit it was trained from ("+" when the tree had changes), or null
 * @param peakResidentMiB    the training process's peak resident memory (heap, ND4J's native memory and code), or null
 */
public record ModelMetadata(String architecture, String dataset, List<String> classNames, List<Integer> inputShape,
                            Integer epochs, Long seed, Double testAccuracy, String dl4jVersion, String sha256,
                            String createdAt, Double validationAccuracy, String command, String commit,
                            Integer peakResidentMiB) {

    /** Metadata without a validation split and without the command and commit that made it. */
    public ModelMetadata(String architecture, String dataset, List<String> classNames, List<Integer> inputShape,
                         int epochs, long seed, double testAccuracy, String dl4jVersion, String sha256, String createdAt) {
        this(architecture, dataset, classNames, inputShape, epochs, seed, testAccuracy, dl4jVersion, sha256, createdAt,
                null, null, null, null);
    }

    /** Metadata without the training process's memory. */
    public ModelMetadata(String architecture, String dataset, List<String> classNames, List<Integer> inputShape,
                         Integer epochs, Long seed, Double testAccuracy, String dl4jVersion, String sha256,
                         String createdAt, Double validationAccuracy, String command, String commit) {
        this(architecture, dataset, classNames, inputShape, epochs, seed, testAccuracy, dl4jVersion, sha256, createdAt,
                validationAccuracy, command, commit, null);
    }

    public ModelMetadata withChecksum(String sha) {
        return new ModelMetadata(architecture, dataset, classNames, inputShape, epochs, seed, testAccuracy, dl4jVersion,
                sha, createdAt, validationAccuracy, command, commit, peakResidentMiB);
    }

    /** The first thing wrong with these fields as read from a file, or null when they are usable. */
    String problem() {
        if (architecture == null || architecture.isBlank()) {
            return "'architecture' is missing";
        }
        if (dataset == null || dataset.isBlank()) {
            return "'dataset' is missing";
        }
        if (classNames == null || classNames.isEmpty() || classNames.contains(null)) {
            return "'classNames' must list the class names in label order, got " + classNames;
        }
        if (inputShape == null || inputShape.size() != 3 || inputShape.stream().anyMatch(d -> d == null || d < 1)) {
            return "'inputShape' must be [channels, height, width], each at least 1, got " + inputShape;
        }
        if (epochs == null || epochs < 0) {
            return "'epochs' must be a number of epochs, got " + epochs;
        }
        if (seed == null) {
            return "'seed' is missing";
        }
        if (testAccuracy == null || !(testAccuracy >= 0 && testAccuracy <= 1)) {
            return "'testAccuracy' must be in [0, 1], got " + testAccuracy;
        }
        if (validationAccuracy != null && !(validationAccuracy >= 0 && validationAccuracy <= 1)) {
            return "'validationAccuracy' must be in [0, 1] when present, got " + validationAccuracy;
        }
        if (peakResidentMiB != null && peakResidentMiB < 1) {
            return "'peakResidentMiB' must be a positive number of MiB when present, got " + peakResidentMiB;
        }
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            return "'sha256' must be 64 hex digits, got " + sha256;
        }
        return null;
    }
}
