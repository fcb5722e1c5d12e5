package org.cnncourse.data;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Moves the picture by up to {@code maxShift} pixels in each direction; the uncovered border is 0. */
public final class ShiftTransform extends MatTransform {
    private final int maxShift;
    private int lastDx, lastDy;

    public ShiftTransform(Random random, int maxShift) {
        super(random);
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be >= 0, got " + maxShift);
        }
        this.maxShift = maxShift;
    }

    @Override
    protected Mat apply(Mat mat, Random random) {
        int dx = random == null ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
        int dy = random == null ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
        Mat padded = new Mat();
        copyMakeBorder(mat, padded, maxShift, maxShift, maxShift, maxShift, BORDER_CONSTANT, Scalar.ZERO);
        // Content moves right by dx when the window starts dx pixels further left.
        Mat result = padded.apply(new Rect(maxShift - dx, maxShift - dy, mat.cols(), mat.rows())).clone();
        lastDx = dx;
        lastDy = dy;
        return result;
    }

    @Override
    public float[] query(float... coordinates) {
        float[] out = coordinates.clone();
        for (int i = 0; i + 1 < out.length; i += 2) {
            out[i] += lastDx;
            out[i + 1] += lastDy;
        }
        return out;
    }
}
