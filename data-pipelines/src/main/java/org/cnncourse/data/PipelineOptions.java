package org.cnncourse.data;

/**
 * How a dataset is fed to training.
 *
 * @param batchSize    examples per DataSet
 * @param seed         seed of the shuffle (a new order every epoch, the same for the same seed)
 * @param shuffle      shuffle at all (test sets usually do not)
 * @param padTo        zero-pad to this square size (32 for LeNet-5), or 0
 * @param resizeTo     resize to this square size (for larger architectures), or 0
 * @param augmentation random transforms of each training image
 * @param prefetch     batches prepared ahead on a background thread, or 0 for none
 */
public record PipelineOptions(int batchSize, long seed, boolean shuffle, int padTo, int resizeTo,
                              Augmentation augmentation, int prefetch) {

    public PipelineOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (padTo < 0 || resizeTo < 0 || prefetch < 0) {
            throw new IllegalArgumentException("padTo, resizeTo and prefetch must be >= 0");
        }
        if (padTo > 0 && resizeTo > 0) {
            throw new IllegalArgumentException("choose padTo or resizeTo, not both");
        }
    }

    /** Shuffled training batches, no geometry change, no augmentation, 4 batches prefetched. */
    public static PipelineOptions training(int batchSize, long seed) {
        return new PipelineOptions(batchSize, seed, true, 0, 0, Augmentation.none(), 4);
    }

    /** Test batches in file order. */
    public static PipelineOptions evaluation(int batchSize) {
        return new PipelineOptions(batchSize, 0, false, 0, 0, Augmentation.none(), 4);
    }

    public PipelineOptions withPadTo(int size) {
        return new PipelineOptions(batchSize, seed, shuffle, size, 0, augmentation, prefetch);
    }

    public PipelineOptions withResizeTo(int size) {
        return new PipelineOptions(batchSize, seed, shuffle, 0, size, augmentation, prefetch);
    }

    public PipelineOptions withAugmentation(Augmentation a) {
        return new PipelineOptions(batchSize, seed, shuffle, padTo, resizeTo, a, prefetch);
    }

    public PipelineOptions withPrefetch(int batches) {
        return new PipelineOptions(batchSize, seed, shuffle, padTo, resizeTo, augmentation, batches);
    }

    /** Output image side for an input side. */
    public int outputSide(int inputSide) {
        return padTo > 0 ? padTo : resizeTo > 0 ? resizeTo : inputSide;
    }
}
