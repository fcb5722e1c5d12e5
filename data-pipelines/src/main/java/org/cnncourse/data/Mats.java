package org.cnncourse.data;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Single-channel float images between Java arrays and OpenCV Mats (what DataVec's image transforms work on). */
public final class Mats {
    private Mats() {
    }

    public static Mat fromPixels(float[] pixels, int rows, int cols) {
        if (pixels.length != rows * cols) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + rows + "x" + cols + " image");
        }
        Mat m = new Mat(rows, cols, CV_32FC1);
        new FloatPointer(m.data()).put(pixels);
        return m;
    }

    public static float[] toPixels(Mat m) {
        if (m.type() != CV_32FC1) {
            throw new IllegalArgumentException("expected a one-channel float image, got OpenCV type " + m.type());
        }
        Mat c = m.isContinuous() ? m : m.clone();
        float[] out = new float[c.rows() * c.cols()];
        new FloatPointer(c.data()).get(out);
        return out;
    }
}
