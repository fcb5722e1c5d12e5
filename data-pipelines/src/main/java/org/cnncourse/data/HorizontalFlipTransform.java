package org.cnncourse.data;

import static org.bytedeco.opencv.global.opencv_core.flip;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Mirrors the image left-right with a given probability. DataVec's FlipImageTransform picks
 * among four flips at random, and PipelineImageTransform draws its probabilities from an ND4J
 * random generator whose sequence is not reproducible when two pipelines run side by side;
 * this transform draws from its own seeded {@link Random}.
 */
public final class HorizontalFlipTransform extends MatTransform {
    private final double probability;
    private boolean lastFlipped;
    private int lastWidth;

    public HorizontalFlipTransform(Random random, double probability) {
        super(random);
        this.probability = probability;
    }

    @Override
    protected Mat apply(Mat mat, Random random) {
        lastWidth = mat.cols();
        lastFlipped = random == null ? probability >= 1 : random.nextDouble() < probability;
        if (!lastFlipped) {
            return mat;
        }
        Mat result = new Mat();
        flip(mat, result, 1); // 1: around the vertical axis
        return result;
    }

    @Override
    public float[] query(float... coordinates) {
        float[] out = coordinates.clone();
        if (lastFlipped) {
            for (int i = 0; i < out.length; i += 2) {
                out[i] = lastWidth - out[i] - 1;
            }
        }
        return out;
    }
}
