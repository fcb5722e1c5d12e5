package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.ImageSet;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.datavec.image.loader.NativeImageLoader;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Accuracy of saved models on their test sets, and predictions for single images. */
public final class Evaluations {
    private Evaluations() {
    }

    /** The test set a model was trained for, from its metadata. */
    public static ImageSet testSetOf(ModelMetadata meta) throws IOException {
        return CourseDatasets.byName(meta.dataset(), CourseDatasets.Split.TEST);
    }

    public static Evaluation evaluate(Model net, ImageSet test) {
        return evaluate(net, test, test.rows());
    }

    /** Evaluation with the test images padded to {@code side} when the network wants a larger input (LeNet-5's 32). */
    public static Evaluation evaluate(Model net, ImageSet test, int side) {
        Evaluation e = new Evaluation(test.classNames(), 1);
        PipelineOptions o = PipelineOptions.evaluation(200);
        var data = Pipelines.iterator(test, side > test.rows() ? o.withPadTo(side) : o);
        Networks.evaluate(net, data, e);
        return e;
    }

    /** The metadata's input side, for {@link #evaluate(Model, ImageSet, int)}. */
    public static int inputSide(ModelMetadata meta) {
        return meta.inputShape().get(1);
    }

    /** The image formats {@link #predict} reads (through OpenCV, which cannot decode GIF). */
    public static final List<String> IMAGE_FORMATS = List.of("png", "jpeg", "bmp");

    /** Smaller images are stretched so far that a guess says little. */
    static final int SMALLEST_USEFUL_SIDE = 8;

    /**
     * Reads an image file's header and pixels with Java's ImageIO and returns what a learner should
     * know before trusting a guess (a tiny or fully transparent image); an unreadable file or a
     * format other than {@link #IMAGE_FORMATS} is an IOException that names the file.
     */
    public static List<String> inspect(Path image) throws IOException {
        if (!java.nio.file.Files.isRegularFile(image)) {
            throw new IOException(image + ": does not exist");
        }
        java.awt.image.BufferedImage picture;
        String format;
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(image.toFile())) {
            var readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(image + ": cannot be read as an image (not a PNG, JPEG or BMP file)");
            }
            javax.imageio.ImageReader reader = readers.next();
            format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT).replace("jpg", "jpeg");
            if (!IMAGE_FORMATS.contains(format)) {
                throw new IOException(image + ": is a " + format.toUpperCase(java.util.Locale.ROOT)
                        + " image; predict reads PNG, JPEG or BMP (convert it first)");
            }
            try {
                reader.setInput(in);
                picture = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(image.toString())) {
                throw e;
            }
            throw new IOException(image + ": cannot be read as an image (" + e.getMessage() + ")", e);
        }
        List<String> warnings = new ArrayList<>();
        int w = picture.getWidth(), h = picture.getHeight();
        if (w < SMALLEST_USEFUL_SIDE || h < SMALLEST_USEFUL_SIDE) {
            warnings.add(String.format(java.util.Locale.ROOT, "%s is only %dx%d pixels: it is stretched to the network's"
                    + " input, so the guess below says little", image, w, h));
        }
        if (picture.getColorModel().hasAlpha() && fullyTransparent(picture)) {
            warnings.add(image + " is fully transparent: the network sees only the hidden colour values,"
                    + " so the guess below says nothing about what the picture shows");
        }
        return warnings;
    }

    private static boolean fullyTransparent(java.awt.image.BufferedImage picture) {
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if ((picture.getRGB(x, y) >>> 24) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One class and its probability. */
    public record Guess(String label, double probability) {
    }

    /**
     * The top {@code k} classes for an image file (PNG, JPEG, ...), converted to the model's
     * input size and channels by DataVec's NativeImageLoader and scaled from 0-255 to [0, 1].
     * Like MNIST, the model expects a light object on a dark background.
     */
    public static List<Guess> predict(Model net, ModelMetadata meta, Path image, int k) throws IOException {
        return predict(net, meta, image, k, warning -> { });
    }

    /** The same, telling {@code warnings} what {@link #inspect} finds about the image (read once for both). */
    public static List<Guess> predict(Model net, ModelMetadata meta, Path image, int k,
                                      java.util.function.Consumer<String> warnings) throws IOException {
        inspect(image).forEach(warnings);
        List<Integer> shape = meta.inputShape();
        NativeImageLoader loader = new NativeImageLoader(shape.get(1), shape.get(2), shape.get(0));
        INDArray x;
        try {
            x = loader.asMatrix(image.toFile()).divi(255.0);
        } catch (IOException | RuntimeException e) {
            throw new IOException(image + ": cannot be read as an image (" + e.getMessage() + ")", e);
        }
        if (x == null || x.length() == 0) {
            throw new IOException(image + ": cannot be read as an image");
        }
        INDArray in = x.reshape(1, shape.get(0), shape.get(1), shape.get(2));
        INDArray p = Networks.output(net, in);
        List<Guess> guesses = new ArrayList<>();
        for (int i = 0; i < p.size(1); i++) {
            guesses.add(new Guess(meta.classNames().get(i), p.getDouble(0, i)));
        }
        guesses.sort(Comparator.comparingDouble(Guess::probability).reversed());
        return guesses.subList(0, Math.min(k, guesses.size()));
    }
}
