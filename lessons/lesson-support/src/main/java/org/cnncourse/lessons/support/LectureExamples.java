package org.cnncourse.lessons.support;

import org.cnncourse.scratch.Tensor;

/** The lecture's worked example (L58-82), used by several lessons: one 4x4 image, one 3x3 filter. */
public final class LectureExamples {
    private LectureExamples() {
    }

    /** The 4x4 input of the convolution, padding and im2col examples. */
    public static final double[][] IMAGE_4X4 = {{1, 2, 3, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 3, 0, 1}};
    /** The 3x3 filter slid over it (and over the 7x7 image of the stride example). */
    public static final double[][] FILTER_3X3 = {{2, 0, 1}, {0, 1, 2}, {1, 0, 2}};

    /** A matrix as one image of one channel, (1, 1, H, W). */
    public static Tensor image(double[][] rows) {
        return Tensor.matrix(rows).reshape(1, 1, rows.length, rows[0].length);
    }
}
