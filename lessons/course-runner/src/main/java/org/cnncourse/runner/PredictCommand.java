package org.cnncourse.runner;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "The top-3 classes of an image with a model zip. The image is resized to the model's input"
                + " and read as greyscale; like the datasets, a light object on a dark background.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ZIP", description = "A model zip with its metadata .json beside it.")
    Path zip;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "A PNG, JPEG or BMP image.")
    Path image;

    @Override
    public Integer call() throws Exception {
        ModelZips.Loaded m = ModelZips.load(zip, false);
        for (Evaluations.Guess g : Evaluations.predict(m.model(), m.metadata(), image, 3,
                warning -> System.err.println("cnn-course predict: warning: " + warning))) {
            System.out.printf(Locale.ROOT, "%-14s %6.2f%%%n", g.label(), 100 * g.probability());
        }
        return 0;
    }
}
