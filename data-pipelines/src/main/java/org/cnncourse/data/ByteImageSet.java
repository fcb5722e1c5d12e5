package org.cnncourse.data;

import java.util.List;

/** Images with 8-bit pixels (0-255), as IDX files store them. */
public final class ByteImageSet extends LabelledImages {
    private final int count;
    private final byte[] pixels;
    private final byte[] labels;

    ByteImageSet(String name, int count, int rows, int cols, byte[] pixels, byte[] labels, List<String> classNames) {
        super(name, rows, cols, classNames);
        this.count = count;
        this.pixels = pixels;
        this.labels = labels;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    @Override
    public void copyPixels(int index, float[] dst, int offset) {
        int n = rows() * cols(), base = index * n;
        for (int i = 0; i < n; i++) {
            dst[offset + i] = pixels[base + i] & 0xFF;
        }
    }

    /** The raw unsigned byte of one pixel. */
    public int pixel(int index, int row, int col) {
        return pixels[(index * rows() + row) * cols() + col] & 0xFF;
    }

    @Override
    public double maxPixelValue() {
        return 255;
    }
}
