package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --workers} and {@code train --spark}: several workers, one zip that evaluates as recorded. */
class TrainOnWorkersCommandTest {
    @TempDir
    Path dir;

    @Test
    void parallelWrapperTrainingWritesAZipThatEvaluatesTheSame() throws Exception {
        int code = new CommandLine(new CourseRunner()).execute("train", "simple-convnet", "--dataset", "digits", "--epochs", "2",
                "--train-limit", "2000", "--workers", "2", "--averaging", "3", "--out", dir.toString(), "--no-progress");
        assertEquals(0, code);
        ModelZips.Loaded m = ModelZips.load(dir.resolve("simple-convnet-digits.zip"), false);
        double measured = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 28).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 1e-9);
        assertTrue(measured > 0.7, "2 epochs on 2,000 digits with 2 averaged workers: " + measured);
        String history = Files.readString(dir.resolve("simple-convnet-digits-history.csv"));
        assertTrue(history.contains("DL4J x2,2,"), history);
    }

    @Test
    void sparkLocalTrainingWritesAZipThatEvaluateAccepts() throws Exception {
        int code = new CommandLine(new CourseRunner()).execute("train", "simpleconvnet", "--dataset", "digits", "--epochs", "2",
                "--train-limit", "2000", "--spark", "local[2]", "--out", dir.toString(), "--no-progress");
        assertEquals(0, code);
        Path zip = dir.resolve("simple-convnet-digits.zip");
        ModelZips.Loaded m = ModelZips.load(zip, false);
        double measured = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 28).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 1e-9);
        assertTrue(measured > 0.6, "2 epochs of 2,000 digits on Spark: " + measured);
        assertEquals(0, new CommandLine(new CourseRunner()).execute("evaluate", zip.toString()));
        CommandLine cl = new CommandLine(new CourseRunner());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("train", "lenet5", "--spark", "local[2]", "--workers", "2", "--out", dir.toString()));
        assertTrue(err.toString().contains("choose --spark or --workers, not both"), err.toString());
    }
}
