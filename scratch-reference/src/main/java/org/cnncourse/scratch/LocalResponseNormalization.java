package org.cnncourse.scratch;

/**
 * Local response normalisation across channels (AlexNet): each value is divided by
 * (k + alpha * sum of the squares of the n neighbouring channels at the same pixel)^beta,
 * the window running from channel c - n/2 to c + n/2. DL4J's formula, with its defaults
 * k = 2, n = 5, alpha = 1e-4, beta = 0.75.
 */
public final class LocalResponseNormalization implements Layer {
    private final double k, alpha, beta;
    private final int half;
    private double[] input, scale;
    private int[] shape;

    public LocalResponseNormalization(double k, int n, double alpha, double beta) {
        this.k = k;
        this.half = n / 2;
        this.alpha = alpha;
        this.beta = beta;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException("LocalResponseNormalization expects (N, C, H, W), got " + java.util.Arrays.toString(s));
        }
        int n = s[0], c = s[1], hw = s[2] * s[3];
        double[] in = x.data(), out = new double[in.length], sc = new double[in.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    double sum = 0;
                    for (int j = Math.max(0, ch - half); j <= Math.min(c - 1, ch + half); j++) {
                        double v = in[(i * c + j) * hw + p];
                        sum += v * v;
                    }
                    int idx = (i * c + ch) * hw + p;
                    sc[idx] = k + alpha * sum;
                    out[idx] = in[idx] * Math.pow(sc[idx], -beta);
                }
            }
        }
        input = in;
        scale = sc;
        shape = s;
        return Tensor.of(out, s);
    }

    @Override
    public Tensor backward(Tensor dout) {
        int n = shape[0], c = shape[1], hw = shape[2] * shape[3];
        double[] d = dout.data(), dx = new double[d.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    int idx = (i * c + ch) * hw + p;
                    // y_j = x_j * s_j^-beta, and s_j depends on x_ch for every j within n/2 of ch.
                    double g = d[idx] * Math.pow(scale[idx], -beta);
                    for (int j = Math.max(0, ch - half); j <= Math.min(c - 1, ch + half); j++) {
                        int jdx = (i * c + j) * hw + p;
                        g -= d[jdx] * input[jdx] * beta * Math.pow(scale[jdx], -beta - 1) * 2 * alpha * input[idx];
                    }
                    dx[idx] = g;
                }
            }
        }
        return Tensor.of(dx, shape);
    }
}
