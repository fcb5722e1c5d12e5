package org.cnncourse.scratch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch normalisation: in training, each channel (of an (N, C, H, W) input; each feature of an
 * (N, D) input) is normalised with the batch's mean and (biased) variance, then scaled by
 * gamma and shifted by beta; the running mean and variance follow
 * running = decay * running + (1 - decay) * batch, and inference uses them instead.
 * DL4J's defaults: decay 0.9, eps 1e-5.
 */
public final class BatchNormalization implements Layer {
    private final Tensor gamma, beta;
    private final double[] runningMean, runningVar;
    private final double decay, eps;
    private boolean training = true;
    private Tensor dGamma, dBeta;
    private double[] xhat, invStd;
    private int[] shape;

    public BatchNormalization(int channels, double decay, double eps) {
        this.gamma = Tensor.zeros(channels);
        java.util.Arrays.fill(gamma.data(), 1.0);
        this.beta = Tensor.zeros(channels);
        this.runningMean = new double[channels];
        this.runningVar = new double[channels];
        java.util.Arrays.fill(runningVar, 1.0);
        this.decay = decay;
        this.eps = eps;
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    public double[] runningMean() {
        return runningMean;
    }

    public double[] runningVar() {
        return runningVar;
    }

    /** (channels, values per channel per example) for either input rank. */
    private int[] layout(int[] s) {
        if (s.length == 4) {
            return new int[] {s[1], s[2] * s[3]};
        }
        if (s.length == 2) {
            return new int[] {s[1], 1};
        }
        throw new ShapeException("BatchNormalization expects (N, C, H, W) or (N, D), got " + java.util.Arrays.toString(s));
    }

    private int at(int n, int c, int p, int channels, int hw) {
        return (n * channels + c) * hw + p;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        int[] l = layout(s);
        int channels = l[0], hw = l[1], n = s[0];
        if (channels != gamma.size()) {
            throw new ShapeException("BatchNormalization has " + gamma.size() + " channels, the input has " + channels);
        }
        double[] in = x.data(), out = new double[in.length];
        double[] norm = new double[in.length];
        double[] inv = new double[channels];
        double count = (double) n * hw;
        for (int c = 0; c < channels; c++) {
            double mean, var;
            if (training) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < hw; p++) {
                        sum += in[at(i, c, p, channels, hw)];
                    }
                }
                mean = sum / count;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < hw; p++) {
                        double d = in[at(i, c, p, channels, hw)] - mean;
                        sq += d * d;
                    }
                }
                var = sq / count;
                runningMean[c] = decay * runningMean[c] + (1 - decay) * mean;
                runningVar[c] = decay * runningVar[c] + (1 - decay) * var;
            } else {
                mean = runningMean[c];
                var = runningVar[c];
            }
            inv[c] = 1 / Math.sqrt(var + eps);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    int k = at(i, c, p, channels, hw);
                    norm[k] = (in[k] - mean) * inv[c];
                    out[k] = gamma.data()[c] * norm[k] + beta.data()[c];
                }
            }
        }
        xhat = norm;
        invStd = inv;
        shape = s;
        return Tensor.of(out, s);
    }

    @Override
    public Tensor backward(Tensor dout) {
        int[] l = layout(shape);
        int channels = l[0], hw = l[1], n = shape[0];
        double count = (double) n * hw;
        double[] d = dout.data(), dx = new double[d.length];
        double[] dg = new double[channels], db = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sumD = 0, sumDx = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    int k = at(i, c, p, channels, hw);
                    sumD += d[k];
                    sumDx += d[k] * xhat[k];
                }
            }
            db[c] = sumD;
            dg[c] = sumDx;
            double g = gamma.data()[c];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    int k = at(i, c, p, channels, hw);
                    dx[k] = training
                            ? g * invStd[c] * (d[k] - sumD / count - xhat[k] * sumDx / count)
                            : g * invStd[c] * d[k];
                }
            }
        }
        dGamma = Tensor.of(dg, channels);
        dBeta = Tensor.of(db, channels);
        return Tensor.of(dx, shape);
    }

    @Override
    public Map<String, Tensor> params() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("gamma", gamma);
        p.put("beta", beta);
        return p;
    }

    @Override
    public Map<String, Tensor> grads() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("gamma", dGamma);
        p.put("beta", dBeta);
        return p;
    }
}
