package org.cnncourse.runner;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.data.ImageSet;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.nd4j.evaluation.classification.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Accuracy and confusion matrix of a model zip on its dataset's test set.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "ZIP", description = "A model zip with its metadata .json beside it, e.g. models/trained/simple-convnet-fashion.zip.")
    Path zip;

    @Override
    public Integer call() throws Exception {
        ModelZips.Loaded m = ModelZips.load(zip, false);
        ImageSet test = Evaluations.testSetOf(m.metadata());
        Evaluation e = Evaluations.evaluate(m.model(), test, Evaluations.inputSide(m.metadata()));
        System.out.printf(Locale.ROOT, "%s: %s trained %d epochs on %s (seed %d), DL4J %s%n", zip, m.metadata().architecture(),
                m.metadata().epochs(), m.metadata().dataset(), m.metadata().seed(), m.metadata().dl4jVersion());
        System.out.printf(Locale.ROOT, "Test accuracy on %s (%d images): %.4f (recorded when saved: %.4f)%n", test.name(),
                test.size(), e.accuracy(), m.metadata().testAccuracy());
        System.out.println();
        System.out.println("Confusion matrix (rows: actual class, columns: predicted class):");
        System.out.println(e.confusionToString());
        return 0;
    }
}
