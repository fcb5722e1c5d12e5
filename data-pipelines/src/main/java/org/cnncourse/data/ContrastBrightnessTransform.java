package org.cnncourse.data;

import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TOZERO;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_TRUNC;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random contrast (a factor around mid-grey) and brightness (an offset), then clipped to the
 * pixel range: the lecture's "contrast and brightness" augmentation.
 */
public final class ContrastBrightnessTransform extends MatTransform {
    private final double contrast, brightness, maxPixel;

    /**
     * @param contrast   the factor is drawn from [1 - contrast, 1 + contrast]
     * @param brightness the offset is drawn from [-brightness, brightness] times maxPixel
     * @param maxPixel   the largest pixel value (255, or 1 for images already in [0, 1])
     */
    public ContrastBrightnessTransform(Random random, double contrast, double brightness, double maxPixel) {
        super(random);
        if (contrast < 0 || contrast >= 1 || brightness < 0 || brightness > 1) {
            throw new IllegalArgumentException("contrast must be in [0, 1) and brightness in [0, 1], got "
                    + contrast + " and " + brightness);
        }
        this.contrast = contrast;
        this.brightness = brightness;
        this.maxPixel = maxPixel;
    }

    @Override
    protected Mat apply(Mat mat, Random random) {
        double alpha = 1, offset = 0;
        if (random != null) {
            alpha = 1 + (random.nextDouble() * 2 - 1) * contrast;
            offset = (random.nextDouble() * 2 - 1) * brightness * maxPixel;
        }
        double mid = maxPixel / 2;
        Mat result = new Mat();
        mat.convertTo(result, -1, alpha, mid - alpha * mid + offset);
        threshold(result, result, maxPixel, maxPixel, THRESH_TRUNC);
        threshold(result, result, 0, 0, THRESH_TOZERO);
        return result;
    }
}
