package org.cnncourse.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

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
        int[] indices = new int[n];
        Arrays.setAll(indices, i -> i);
        return subset(set, indices, set.name() + " (first " + n + ")");
    }

    /** A set cut in two: the images kept for training and the ones held out for validation. */
    public record Split(ImageSet kept, ImageSet heldOut) {
    }

    /**
     * Holds out {@code count} images of {@code set}, each class in proportion to its size (largest
     * remainders round up), chosen by {@code seed}: the same images on every machine. Both parts
     * keep the set's order.
     */
    public static Split stratifiedSplit(ImageSet set, int count, long seed) {
        if (count < 1 || count >= set.size()) {
            throw new IllegalArgumentException("a validation split of " + count + " images out of " + set.size()
                    + " is not possible: it must be at least 1 and leave images to train on");
        }
        int classes = set.numClasses();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < set.size(); i++) {
            byClass.get(set.label(i)).add(i);
        }
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) count * byClass.get(c).size() / set.size();
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        Integer[] order = new Integer[classes];
        for (int c = 0; c < classes; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        for (int k = 0; given < count; k++, given++) {
            quota[order[k % classes]]++;
        }
        Random random = new Random(seed);
        boolean[] held = new boolean[set.size()];
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            Collections.shuffle(members, random);
            for (int k = 0; k < quota[c]; k++) {
                held[members.get(k)] = true;
            }
        }
        int[] kept = new int[set.size() - count], heldOut = new int[count];
        for (int i = 0, a = 0, b = 0; i < set.size(); i++) {
            if (held[i]) {
                heldOut[b++] = i;
            } else {
                kept[a++] = i;
            }
        }
        return new Split(subset(set, kept, set.name() + " minus " + count + " for validation"),
                subset(set, heldOut, set.name() + " validation (" + count + ")"));
    }

    /** The images of {@code set} at {@code indices}, in that order. */
    static ImageSet subset(ImageSet set, int[] indices, String name) {
        return new ImageSet() {
            public String name() {
                return name;
            }

            public int size() {
                return indices.length;
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
                return set.label(indices[index]);
            }

            public void copyPixels(int index, float[] dst, int offset) {
                set.copyPixels(indices[index], dst, offset);
            }

            public double maxPixelValue() {
                return set.maxPixelValue();
            }
        };
    }
}
