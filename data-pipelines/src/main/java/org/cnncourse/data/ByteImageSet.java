package org.cnncourse.data;

import java.util.List;

/** Images with 8-bit pixels (0-255), as IDX files store them. */
public final class ByteImageSet implements ImageSet {
    private final String name;
    private final int count, rows, cols;
    private final byte[] pixels;
    private final byte[] labels;
    private final List<String> classNames;

    ByteImageSet(String name, int count, int rows, int cols, byte[] pixels, byte[] labels, List<String> classNames) {
        this.name = name;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
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
        return labels[index] & 0xFF;
    }

    @Override
    public void copyPixels(int index, float[] dst, int offset) {
        int n = rows * cols, base = index * n;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = pixels[base + i] & 0xFF;
        }
    }

    /** The raw unsigned byte of one pixel. */
    public int pixel(int index, int row, int col) {
        return pixels[index * rows * cols + row * cols + col] & 0xFF;
    }

    @Override
    public double maxPixelValue() {
        return 255;
    }
}
