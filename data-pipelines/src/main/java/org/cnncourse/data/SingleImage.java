package org.cnncourse.data;

import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.ImageTransform;

/** Applies one DataVec image transform to one image, e.g. for before/after pictures. */
public final class SingleImage {
    private SingleImage() {
    }

    /** A single-channel image, raw pixel values, row by row. */
    public record Image(float[] pixels, int rows, int cols) {
    }

    public static Image apply(ImageTransform transform, float[] pixels, int rows, int cols) {
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        ImageWritable in = new ImageWritable(converter.convert(Mats.fromPixels(pixels, rows, cols)));
        Mat out = converter.convert(transform.transform(in).getFrame());
        return new Image(Mats.toPixels(out), out.rows(), out.cols());
    }
}
