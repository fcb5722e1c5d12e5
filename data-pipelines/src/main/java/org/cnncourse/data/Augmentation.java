package org.cnncourse.data;

import java.util.Random;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;

/**
 * The lecture's data augmentation, each part switchable and all of it reproducible from the
 * seed: horizontal flips, contrast and brightness, random crops and scales, shifts of a few
 * pixels; and, beyond the lecture, random erasing. Built on DataVec's {@link PipelineImageTransform}.
 *
 * @param flipProbability chance of a horizontal flip (0 = off)
 * @param contrast        contrast factor range 1 +- contrast (0 = off)
 * @param brightness      brightness offset range +- brightness x max pixel (0 = off)
 * @param minCropScale    crops keep minCropScale..1 of each side, then scale back (1 = off)
 * @param maxShift        shifts of up to this many pixels each way (0 = off)
 * @param seed            the seed of every random choice
 * @param erasingProbability chance that one random rectangle is filled with noise (0 = off)
 */
public record Augmentation(double flipProbability, double contrast, double brightness, double minCropScale,
                           int maxShift, long seed, double erasingProbability) {

    public Augmentation {
        if (flipProbability < 0 || flipProbability > 1) {
            throw new IllegalArgumentException("flipProbability must be in [0, 1], got " + flipProbability);
        }
        if (!(minCropScale > 0 && minCropScale <= 1)) {
            throw new IllegalArgumentException("minCropScale must be in (0, 1], got " + minCropScale);
        }
        if (maxShift < 0) {
            throw new IllegalArgumentException("maxShift must be >= 0, got " + maxShift);
        }
        if (erasingProbability < 0 || erasingProbability > 1) {
            throw new IllegalArgumentException("erasingProbability must be in [0, 1], got " + erasingProbability);
        }
    }

    /** The lecture's parts only, without random erasing. */
    public Augmentation(double flipProbability, double contrast, double brightness, double minCropScale, int maxShift,
                        long seed) {
        this(flipProbability, contrast, brightness, minCropScale, maxShift, seed, 0);
    }

    /** The same with random erasing at the given probability (Zhong et al. use 0.5). */
    public Augmentation withErasing(double probability) {
        return new Augmentation(flipProbability, contrast, brightness, minCropScale, maxShift, seed, probability);
    }

    /** Half of the images mirrored and shifts of up to 2 pixels (the lecture, He et al.); half erased (Zhong et al.). */
    public static final double FLIP_PROBABILITY = 0.5, ERASING_PROBABILITY = 0.5;
    public static final int MAX_SHIFT_PIXELS = 2;

    public static Augmentation none() {
        return new Augmentation(0, 0, 0, 1, 0, 0);
    }

    /** Everything the lecture lists: flips, contrast/brightness 20%/10%, crops to 85%, 2-pixel shifts. */
    public static Augmentation lecture(long seed) {
        return new Augmentation(FLIP_PROBABILITY, 0.2, 0.1, 0.85, MAX_SHIFT_PIXELS, seed);
    }

    /** The geometric parts only, mirror images and shifts (He et al.'s augmentation): no contrast, brightness or crops. */
    public static Augmentation flipsAndShifts(double flipProbability, int maxShift, long seed) {
        return new Augmentation(flipProbability, 0, 0, 1, maxShift, seed);
    }

    /** Only the 2-pixel shifts (the safe choice for digits, where a flip changes the class). */
    public static Augmentation shiftsOnly(int maxShift, long seed) {
        return flipsAndShifts(0, maxShift, seed);
    }

    /** Only mirror images, half of the time (fine for clothes, which look the same mirrored; not for digits). */
    public static Augmentation flipsOnly(long seed) {
        return flipsAndShifts(FLIP_PROBABILITY, 0, seed);
    }

    public boolean enabled() {
        return flipProbability > 0 || contrast > 0 || brightness > 0 || minCropScale < 1 || maxShift > 0
                || erasingProbability > 0;
    }

    /** The DataVec pipeline for images whose largest pixel value is {@code maxPixel}; null when nothing is on. */
    public ImageTransform transform(double maxPixel) {
        if (!enabled()) {
            return null;
        }
        // Every step draws from its own java.util.Random, so the result depends on the seed only
        // (the pipeline's own per-step probabilities come from a shared ND4J generator: unused).
        PipelineImageTransform.Builder b = new PipelineImageTransform.Builder();
        if (flipProbability > 0) {
            b.addImageTransform(new HorizontalFlipTransform(new Random(seed), flipProbability));
        }
        if (contrast > 0 || brightness > 0) {
            b.addImageTransform(new ContrastBrightnessTransform(new Random(seed + 1), contrast, brightness, maxPixel));
        }
        if (minCropScale < 1) {
            b.addImageTransform(new RandomResizedCropTransform(new Random(seed + 2), minCropScale));
        }
        if (maxShift > 0) {
            b.addImageTransform(new ShiftTransform(new Random(seed + 3), maxShift));
        }
        if (erasingProbability > 0) {
            // Last, so the erased rectangle is not moved or cut by the geometric steps.
            b.addImageTransform(new RandomErasingTransform(new Random(seed + 4), erasingProbability, maxPixel));
        }
        return b.build();
    }
}
