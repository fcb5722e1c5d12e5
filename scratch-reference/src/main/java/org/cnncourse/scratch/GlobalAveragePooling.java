package org.cnncourse.scratch;

/**
 * The mean of each channel over all its positions: (N, C, H, W) -> (N, C). GoogLeNet and ResNet
 * end this way instead of flattening into large fully connected layers.
 */
public final class GlobalAveragePooling implements Layer {
    private int[] inputShape;

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4) {
            throw new ShapeException("GlobalAveragePooling expects (N, C, H, W), got " + java.util.Arrays.toString(x.shape()));
        }
        inputShape = x.shape();
        int n = x.dim(0), c = x.dim(1), positions = x.dim(2) * x.dim(3);
        Tensor out = Tensor.zeros(n, c);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int p = 0; p < positions; p++) {
                    sum += x.data()[(i * c + ch) * positions + p];
                }
                out.set(sum / positions, i, ch);
            }
        }
        return out;
    }

    /** Each position gets an equal share of its channel's gradient. */
    @Override
    public Tensor backward(Tensor dout) {
        if (inputShape == null) {
            throw new IllegalStateException("GlobalAveragePooling.backward called before forward");
        }
        int n = inputShape[0], c = inputShape[1], positions = inputShape[2] * inputShape[3];
        Tensor dx = Tensor.zeros(inputShape);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double share = dout.get(i, ch) / positions;
                for (int p = 0; p < positions; p++) {
                    dx.data()[(i * c + ch) * positions + p] = share;
                }
            }
        }
        return dx;
    }
}
