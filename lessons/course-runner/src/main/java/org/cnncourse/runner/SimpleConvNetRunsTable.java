package org.cnncourse.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.data.PipelineOptions;
import org.cnncourse.data.Pipelines;
import org.cnncourse.engine.FastLayers;
import org.cnncourse.lessons.support.ByHandTrainable;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.ModelMetadata;
import org.cnncourse.models.ModelZips;
import org.cnncourse.models.Scoreboard;
import org.cnncourse.models.TrainingHistory;
import org.cnncourse.models.TrainingLoop;
import org.cnncourse.scratch.ParamsFile;
import org.cnncourse.scratch.SimpleConvNet;
import org.cnncourse.scratch.SoftmaxWithLoss;

/**
 * docs/results.md's table of the lecture's SimpleConvNet runs (lesson 10), DL4J and by hand
 * side by side, between {@code <!-- simple-convnet-runs -->} markers. Each row comes from
 * what its run shipped in models/trained: the DL4J zip's metadata, the history CSV of both
 * implementations, and the by-hand network's parameters, whose test accuracy is measured
 * again here (the run prints it but keeps no record of it).
 */
final class SimpleConvNetRunsTable {
    static final String BLOCK = "simple-convnet-runs";
    static final List<String> DATASETS = List.of("fashion", "digits");

    private SimpleConvNetRunsTable() {
    }

    record Row(String dataset, String implementation, int epochKept, double validationAccuracy, double testAccuracy,
               double medianImagesPerSecond) {
    }

    static List<Row> rows(Path trained) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String dataset : DATASETS) {
            String stem = "simple-convnet-" + dataset;
            ModelMetadata dl4j = ModelZips.readMetadata(trained.resolve(stem + ".zip"));
            if (dl4j.validationAccuracy() == null) {
                throw new IOException(trained.resolve(stem + ".zip") + " records no validation accuracy: its run held"
                        + " nothing out, and this table compares the epochs chosen on validation");
            }
            Map<String, List<EpochResult>> history = TrainingHistory.read(trained.resolve(stem + "-history.csv"));
            rows.add(new Row(dataset, "DL4J", dl4j.epochs(), dl4j.validationAccuracy(), dl4j.testAccuracy(),
                    Scoreboard.median(TrainingHistory.imagesPerSecond(history, "DL4J"))));

            List<EpochResult> byHand = history.get("by hand");
            if (byHand == null) {
                throw new IOException(trained.resolve(stem + "-history.csv") + " has no 'by hand' epochs");
            }
            int kept = TrainingLoop.bestEpoch(byHand);
            rows.add(new Row(dataset, "by hand", kept, byHand.get(kept - 1).testAccuracy(),
                    byHandTestAccuracy(trained.resolve(stem + "-by-hand.params"), dataset),
                    Scoreboard.median(TrainingHistory.imagesPerSecond(history, "by hand"))));
        }
        return rows;
    }

    /** The shipped by-hand network's accuracy on the test set, measured as train measures it. */
    static double byHandTestAccuracy(Path params, String dataset) throws IOException {
        if (!Files.isRegularFile(params)) {
            throw new IOException(params + " is missing: the by-hand network of the run is shipped beside its zip");
        }
        SimpleConvNet net = new SimpleConvNet(SimpleConvNet.Config.lecture(), ParamsFile.read(params),
                SoftmaxWithLoss.LOG_DELTA, FastLayers.KIT);
        var test = CourseDatasets.byName(dataset, CourseDatasets.Split.TEST);
        return ByHandTrainable.accuracy(net, Pipelines.iterator(test, PipelineOptions.evaluation(200)));
    }

    static String render(List<Row> rows) {
        StringBuilder t = new StringBuilder();
        t.append("| dataset | implementation | epoch kept (best validation) | validation | test | training images/s (median epoch) |\n");
        t.append("|---------|----------------|-----------------------------:|-----------:|-----:|------------------:|\n");
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f%% | **%.2f%%** | %,.0f |%n",
                    r.dataset().equals("fashion") ? "Fashion-MNIST" : "MNIST digits", r.implementation(), r.epochKept(),
                    100 * r.validationAccuracy(), 100 * r.testAccuracy(), r.medianImagesPerSecond()));
        }
        return t.toString();
    }
}
