package org.cnncourse.data;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A random crop of {@code minScale}..1 of each side, scaled back to the original size: the
 * lecture's "random crops and scales" in one step, keeping the input size the network wants.
 */
public final class RandomResizedCropTransform extends MatTransform {
    private final double minScale;

    public RandomResizedCropTransform(Random random, double minScale) {
        super(random);
        if (!(minScale > 0 && minScale <= 1)) {
            throw new IllegalArgumentException("minScale must be in (0, 1], got " + minScale);
        }
        this.minScale = minScale;
    }

    @Override
    protected Mat apply(Mat mat, Random random) {
        int h = mat.rows(), w = mat.cols();
        double s = random == null ? 1 : minScale + random.nextDouble() * (1 - minScale);
        int ch = Math.max(1, (int) Math.round(h * s)), cw = Math.max(1, (int) Math.round(w * s));
        int top = random == null ? 0 : random.nextInt(h - ch + 1);
        int left = random == null ? 0 : random.nextInt(w - cw + 1);
        Mat crop = mat.apply(new Rect(left, top, cw, ch));
        Mat result = new Mat();
        resize(crop, result, new Size(w, h), 0, 0, INTER_LINEAR);
        return result;
    }
}
