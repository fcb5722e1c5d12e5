package org.cnncourse.data;

import java.util.List;

/** Images with pixels already in [0, 1], as the npm digits ship them. */
public final class FloatImageSet extends LabelledImages {
    private final float[] pixels;
    private final int[] labels;

    FloatImageSet(String name, int rows, int cols, float[] pixels, int[] labels, List<String> classNames) {
        super(name, rows, cols, classNames);
        this.pixels = pixels;
        this.labels = labels;
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for " + labels.length
                    + " images of " + rows + "x" + cols);
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void copyPixels(int index, float[] dst, int offset) {
        int n = rows() * cols();
        System.arraycopy(pixels, index * n, dst, offset, n);
    }

    @Override
    public double maxPixelValue() {
        return 1;
    }
}
