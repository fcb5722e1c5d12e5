package org.cnncourse.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder with the four standard IDX files of MNIST or Fashion-MNIST, gzipped or not:
 * train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
 * t10k-labels-idx1-ubyte (also accepted with a dot before "idx", as some unpackers write them).
 */
public final class IdxDirectory {
    private IdxDirectory() {
    }

    public static boolean looksComplete(Path dir) {
        return missing(dir).isEmpty();
    }

    /** The standard file names of the four files that {@code dir} lacks (empty when complete). */
    public static List<String> missing(Path dir) {
        List<String> missing = new java.util.ArrayList<>();
        for (String stem : List.of("train-images", "train-labels", "t10k-images", "t10k-labels")) {
            if (find(dir, stem) == null) {
                missing.add(stem + "-" + kind(stem) + "[.gz]");
            }
        }
        return missing;
    }

    /** The IDX type of a stem: images are 3-dimensional, labels 1-dimensional. */
    private static String kind(String stem) {
        return stem.endsWith("images") ? "idx3-ubyte" : "idx1-ubyte";
    }

    /** The file for a stem like "train-images", or null. */
    static Path find(Path dir, String stem) {
        for (String sep : List.of("-", ".")) {
            for (String ext : List.of("", ".gz")) {
                Path p = dir.resolve(stem + sep + kind(stem) + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    public static ByteImageSet read(Path dir, String datasetName, CourseDatasets.Split split, List<String> classNames)
            throws InvalidDatasetException {
        String prefix = split == CourseDatasets.Split.TRAIN ? "train" : "t10k";
        Path images = find(dir, prefix + "-images"), labels = find(dir, prefix + "-labels");
        if (images == null || labels == null) {
            throw new InvalidDatasetException(dir, "does not hold " + prefix + "-images-idx3-ubyte[.gz] and "
                    + prefix + "-labels-idx1-ubyte[.gz]");
        }
        return IdxFiles.read(datasetName + " " + split.name().toLowerCase(java.util.Locale.ROOT), images, labels, classNames);
    }
}
