package org.cnncourse.scratch;

import java.util.Random;

/**
 * Inverted dropout, as DL4J does it: in training each value is kept with probability
 * {@code retain} and divided by it, so inference is the identity. (The book's Dropout keeps
 * training values unscaled and multiplies by (1 - ratio) at inference instead: the same
 * expectation.) The mask can be given, to replay another implementation's draw.
 */
public final class Dropout implements Layer {
    private final double retain;
    private final Random random;
    private boolean training = true;
    private double[] mask;
    private double[] givenMask;

    public Dropout(double retain, Random random) {
        if (!(retain > 0 && retain <= 1)) {
            throw new IllegalArgumentException("retain probability must be in (0, 1], got " + retain);
        }
        this.retain = retain;
        this.random = random;
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    /** The next forward pass uses this keep (1) / drop (0) mask instead of drawing one. */
    public void useMask(Tensor keep) {
        this.givenMask = keep.data().clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        double[] in = x.data();
        double[] out = new double[in.length];
        if (!training) {
            mask = null;
            System.arraycopy(in, 0, out, 0, in.length);
            return Tensor.of(out, x.shape());
        }
        double[] m = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            boolean keep = givenMask != null ? givenMask[i] != 0 : random.nextDouble() < retain;
            m[i] = keep ? 1 / retain : 0;
            out[i] = in[i] * m[i];
        }
        givenMask = null;
        mask = m;
        return Tensor.of(out, x.shape());
    }

    @Override
    public Tensor backward(Tensor dout) {
        double[] d = dout.data();
        double[] dx = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dx[i] = mask == null ? d[i] : d[i] * mask[i];
        }
        return Tensor.of(dx, dout.shape());
    }
}
