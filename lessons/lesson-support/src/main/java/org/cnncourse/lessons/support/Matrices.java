package org.cnncourse.lessons.support;

import java.util.Locale;
import org.cnncourse.scratch.Tensor;

/** Printing helpers: a 2-D slice of a tensor as aligned text. */
public final class Matrices {
    private Matrices() {
    }

    /** The first image's first channel of an NCHW tensor; a matrix as it is; a vector as one row. */
    public static Tensor slice2d(Tensor t) {
        int[] s = t.shape();
        if (s.length == 2) {
            return t;
        }
        if (s.length == 1) {
            return t.reshape(1, s[0]);
        }
        int h = s[s.length - 2], w = s[s.length - 1];
        double[] d = new double[h * w];
        System.arraycopy(t.data(), 0, d, 0, h * w);
        return Tensor.of(d, h, w);
    }

    static boolean isWhole(Tensor t) {
        return t.size() == slice2d(t).size();
    }

    public static String[] format(Tensor m) {
        boolean whole = true;
        for (double v : m.data()) {
            whole &= v == Math.rint(v) && Math.abs(v) < 1e6;
        }
        String cell = whole ? "%5.0f" : "%9.4f";
        String[] rows = new String[m.dim(0)];
        for (int i = 0; i < m.dim(0); i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < m.dim(1); j++) {
                sb.append(String.format(Locale.ROOT, cell, m.get(i, j)));
            }
            rows[i] = sb.toString();
        }
        return rows;
    }
}
