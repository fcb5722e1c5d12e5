package org.cnncourse.scratch;

import java.util.Arrays;

/**
 * Softmax followed by the cross-entropy error, averaged over the batch, as in the book:
 * loss = -(1/N) sum log(y[n, t_n] + 1e-7), and backward gives (y - t) / N.
 */
public final class SoftmaxWithLoss {
    /** The book adds this inside the log so that log(0) cannot happen. */
    public static final double LOG_DELTA = 1e-7;

    private final double logDelta;
    private Tensor probabilities;
    private int[] labels;

    /** The book's loss, with 1e-7 inside the log. */
    public SoftmaxWithLoss() {
        this(LOG_DELTA);
    }

    /** @param logDelta added inside the log; 0 gives the exact cross-entropy (DL4J clips instead) */
    public SoftmaxWithLoss(double logDelta) {
        this.logDelta = logDelta;
    }

    public static Tensor softmax(Tensor scores) {
        if (scores.rank() != 2) {
            throw new ShapeException("softmax expects (N, classes) scores but got " + Arrays.toString(scores.shape()));
        }
        int n = scores.dim(0), k = scores.dim(1);
        double[] s = scores.data(), y = new double[s.length];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, s[i * k + j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                y[i * k + j] = Math.exp(s[i * k + j] - max); // minus the max: no overflow
                sum += y[i * k + j];
            }
            for (int j = 0; j < k; j++) {
                y[i * k + j] /= sum;
            }
        }
        return Tensor.of(y, n, k);
    }

    /** Mean cross-entropy loss of the scores against class indices. */
    public double forward(Tensor scores, int[] labels) {
        Tensor y = softmax(scores);
        int n = y.dim(0), k = y.dim(1);
        if (labels.length != n) {
            throw new ShapeException("SoftmaxWithLoss: " + labels.length + " labels for " + n + " examples");
        }
        double loss = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("SoftmaxWithLoss: label " + labels[i] + " of example " + i
                        + " is outside 0.." + (k - 1));
            }
            loss -= Math.log(y.data()[i * k + labels[i]] + logDelta);
        }
        this.probabilities = y;
        this.labels = labels.clone();
        return loss / n;
    }

    /** dL/d(scores) = (y - t) / N. */
    public Tensor backward() {
        if (probabilities == null) {
            throw new IllegalStateException("SoftmaxWithLoss.backward called before forward");
        }
        int n = probabilities.dim(0), k = probabilities.dim(1);
        double[] dx = probabilities.data().clone();
        for (int i = 0; i < n; i++) {
            dx[i * k + labels[i]] -= 1.0;
        }
        for (int i = 0; i < dx.length; i++) {
            dx[i] /= n;
        }
        return Tensor.of(dx, n, k);
    }

    public Tensor probabilities() {
        return probabilities;
    }
}
