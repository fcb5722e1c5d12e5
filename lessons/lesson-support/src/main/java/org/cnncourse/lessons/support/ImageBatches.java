package org.cnncourse.lessons.support;

import org.cnncourse.data.ImageSet;
import org.cnncourse.scratch.Tensor;

/** Images of a dataset as a by-hand (N, 1, H, W) tensor in [0, 1], with their labels. */
public final class ImageBatches {
    private ImageBatches() {
    }

    public record Batch(Tensor x, int[] labels) {
    }

    /** Images {@code from} .. {@code from + count - 1} (in the set's order), scaled to [0, 1]. */
    public static Batch of(ImageSet set, int from, int count) {
        int per = set.rows() * set.cols();
        float[] buf = new float[per];
        double[] x = new double[count * per];
        int[] labels = new int[count];
        double scale = set.maxPixelValue();
        for (int i = 0; i < count; i++) {
            set.copyPixels(from + i, buf, 0);
            for (int p = 0; p < per; p++) {
                x[i * per + p] = buf[p] / scale;
            }
            labels[i] = set.label(from + i);
        }
        return new Batch(Tensor.of(x, count, 1, set.rows(), set.cols()), labels);
    }
}
