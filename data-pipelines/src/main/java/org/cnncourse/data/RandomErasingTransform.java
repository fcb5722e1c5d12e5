package org.cnncourse.data;

import java.util.Random;
import org.bytedeco.javacpp.indexer.Indexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Random erasing (Zhong et al., 2017): with a given probability, one rectangle of the image,
 * 2-40% of its area with a side ratio between 0.3 and 3.3, is filled with random pixel values, so
 * the network cannot lean on any one part of the picture. Every choice comes from the seeded
 * {@link Random}.
 */
public final class RandomErasingTransform extends MatTransform {
    static final double MIN_AREA = 0.02, MAX_AREA = 0.4, MIN_ASPECT = 0.3;
    /** The paper's bound on tries for a rectangle that fits; after that the image is left as it is. */
    static final int ATTEMPTS = 100;

    private final double probability, maxPixel;

    /**
     * @param probability the chance that an image is erased at all
     * @param maxPixel    the largest pixel value (255, or 1 for images already in [0, 1])
     */
    public RandomErasingTransform(Random random, double probability, double maxPixel) {
        super(random);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("erasing probability must be in [0, 1], got " + probability);
        }
        if (!(maxPixel > 0)) {
            throw new IllegalArgumentException("maxPixel must be positive, got " + maxPixel);
        }
        this.probability = probability;
        this.maxPixel = maxPixel;
    }

    @Override
    protected Mat apply(Mat mat, Random random) {
        if (random == null || random.nextDouble() >= probability) {
            return mat;
        }
        int rows = mat.rows(), cols = mat.cols();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double area = rows * cols * (MIN_AREA + random.nextDouble() * (MAX_AREA - MIN_AREA));
            double aspect = MIN_ASPECT + random.nextDouble() * (1 / MIN_ASPECT - MIN_ASPECT);
            int height = (int) Math.round(Math.sqrt(area * aspect)), width = (int) Math.round(Math.sqrt(area / aspect));
            if (height < 1 || width < 1 || height > rows || width > cols) {
                continue;
            }
            int top = random.nextInt(rows - height + 1), left = random.nextInt(cols - width + 1);
            Mat result = mat.clone();
            try (Indexer pixels = result.createIndexer()) {
                for (int y = top; y < top + height; y++) {
                    for (int x = left; x < left + width; x++) {
                        for (int c = 0; c < result.channels(); c++) {
                            pixels.putDouble(new long[] {y, x, c}, random.nextDouble() * maxPixel);
                        }
                    }
                }
            }
            return result;
        }
        return mat;
    }
}
