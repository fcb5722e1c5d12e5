package org.cnncourse.data;

import java.util.List;

/** Images with pixels already in [0, 1], as the npm digits ship them. */
public final class FloatImageSet implements ImageSet {
    private final String name;
    private final int count, rows, cols;
    private final float[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    FloatImageSet(String name, int rows, int cols, float[] pixels, int[] labels, List<String> classNames) {
        this.name = name;
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for " + count + " images of "
                    + rows + "x" + cols);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public void copyPixels(int index, float[] dst, int offset) {
        int n = rows * cols;
        System.arraycopy(pixels, index * n, dst, offset, n);
    }

    @Override
    public double maxPixelValue() {
        return 1;
    }
}
