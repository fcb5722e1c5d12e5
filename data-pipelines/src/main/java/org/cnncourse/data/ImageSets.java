package org.cnncourse.data;

import java.util.List;

/** Views of image sets. */
public final class ImageSets {
    private ImageSets() {
    }

    /** The first {@code count} images of {@code set} (all of them when it has fewer). */
    public static ImageSet first(ImageSet set, int count) {
        int n = Math.min(count, set.size());
        if (n == set.size()) {
            return set;
        }
        return new ImageSet() {
            public String name() {
                return set.name() + " (first " + n + ")";
            }

            public int size() {
                return n;
            }

            public int rows() {
                return set.rows();
            }

            public int cols() {
                return set.cols();
            }

            public List<String> classNames() {
                return set.classNames();
            }

            public int label(int index) {
                return set.label(index);
            }

            public void copyPixels(int index, float[] dst, int offset) {
                set.copyPixels(index, dst, offset);
            }

            public double maxPixelValue() {
                return set.maxPixelValue();
            }
        };
    }
}
