package org.cnncourse.data;

import java.util.List;

/** What every {@link ImageSet} keeps besides its pixels: a name, the image size and the class names. */
abstract class LabelledImages implements ImageSet {
    private final String name;
    private final int rows, cols;
    private final List<String> classNames;

    LabelledImages(String name, int rows, int cols, List<String> classNames) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.classNames = List.copyOf(classNames);
    }

    @Override
    public String name() {
        return name;
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

    /** A Fisher-Yates permutation of 0..n-1 drawn from {@code random}. */
    static int[] permutation(int n, java.util.Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
