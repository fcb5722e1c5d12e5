package org.cnncourse.lessons.support;

import java.util.Arrays;
import org.cnncourse.scratch.Tensor;

/**
 * One tensor computed twice, by hand and by DL4J: the largest difference and, when it is
 * too large, where the first bad value is and what both sides gave there.
 */
public record Comparison(String tensor, String leftLabel, String rightLabel, int[] shape,
                         double maxAbsDiff, double magnitude, double tolerance,
                         int[] firstMismatch, double byHandValue, double dl4jValue, String shapeProblem) {

    /** Compares by-hand against DL4J; allowed difference is {@code relTol} times the larger magnitude. */
    public static Comparison of(String tensor, Tensor byHand, Tensor dl4j, double relTol) {
        return between(tensor, "by hand", byHand, "DL4J", dl4j, relTol);
    }

    /** Compares any two computations of one tensor, e.g. the lecture's numbers against DL4J. */
    public static Comparison between(String tensor, String leftLabel, Tensor byHand, String rightLabel, Tensor dl4j,
                                     double relTol) {
        if (!byHand.sameShape(dl4j)) {
            return new Comparison(tensor, leftLabel, rightLabel, byHand.shape(), Double.POSITIVE_INFINITY,
                    byHand.maxAbs(), relTol, null, Double.NaN, Double.NaN,
                    "shapes differ: " + leftLabel + " " + Arrays.toString(byHand.shape())
                    + ", " + rightLabel + " " + Arrays.toString(dl4j.shape()));
        }
        double magnitude = Math.max(byHand.maxAbs(), dl4j.maxAbs());
        double allowed = relTol * Math.max(magnitude, Double.MIN_NORMAL);
        double[] a = byHand.data(), b = dl4j.data();
        double max = 0;
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            if (!(d <= allowed) && first < 0) {
                first = i; // NaN lands here too
            }
            if (d > max || Double.isNaN(d)) {
                max = Double.isNaN(d) ? Double.NaN : d;
            }
        }
        return new Comparison(tensor, leftLabel, rightLabel, byHand.shape(), max, magnitude, relTol,
                first < 0 ? null : byHand.indexOf(first),
                first < 0 ? Double.NaN : a[first], first < 0 ? Double.NaN : b[first], null);
    }

    public boolean passed() {
        return shapeProblem == null && firstMismatch == null;
    }

    /** Largest difference divided by the magnitude of the values. */
    public double relativeDiff() {
        return magnitude == 0 ? maxAbsDiff : maxAbsDiff / magnitude;
    }

    public String describe() {
        String head = String.format("%-8s %-14s %s vs %s: max |diff| %.3e (relative %.3e, allowed %.0e)",
                passed() ? "PASS" : "FAIL", tensor, leftLabel, rightLabel, maxAbsDiff, relativeDiff(), tolerance);
        if (shapeProblem != null) {
            return head + ": " + shapeProblem;
        }
        if (firstMismatch != null) {
            return head + String.format(": first mismatch at %s, %s %.15g, %s %.15g",
                    Arrays.toString(firstMismatch), leftLabel, byHandValue, rightLabel, dl4jValue);
        }
        return head;
    }
}
