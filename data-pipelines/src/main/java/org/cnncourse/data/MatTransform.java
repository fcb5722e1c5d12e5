package org.cnncourse.data;

import java.util.Random;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

/**
 * A DataVec image transform written as a function on OpenCV Mats: the frame conversions and
 * the end-of-stream null are handled here once.
 */
abstract class MatTransform extends BaseImageTransform<Mat> {
    MatTransform(Random random) {
        super(random);
        this.converter = new OpenCVFrameConverter.ToMat();
    }

    @Override
    protected final ImageWritable doTransform(ImageWritable image, Random random) {
        if (image == null) {
            return null;
        }
        Mat in = converter.convert(image.getFrame());
        Mat out = apply(in, random);
        return out == in ? image : new ImageWritable(converter.convert(out));
    }

    /** The transformed image, or {@code mat} itself to leave the image unchanged. */
    protected abstract Mat apply(Mat mat, Random random);
}
