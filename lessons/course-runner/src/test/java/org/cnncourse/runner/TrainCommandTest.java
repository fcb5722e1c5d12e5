package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsLeNet5OnPaddedDigitsAndWritesAZipThatEvaluatesTheSame() throws Exception {
        int code = new CommandLine(new CourseRunner()).execute("train", "lenet5", "--dataset", "digits", "--epochs", "1",
                "--train-limit", "300", "--out", dir.toString(), "--no-progress");
        assertEquals(0, code);
        Path zip = dir.resolve("lenet5-digits.zip");
        ModelZips.Loaded m = ModelZips.load(zip, false);
        assertEquals(List.of(1, 32, 32), m.metadata().inputShape());
        double measured = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST),
                Evaluations.inputSide(m.metadata())).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 1e-9);
        assertTrue(Files.isRegularFile(dir.resolve("lenet5-digits-accuracy.png")));
        assertTrue(Files.readString(dir.resolve("lenet5-digits-history.csv")).startsWith("implementation,epoch"));
    }

    @Test
    void networksWithoutAByHandVersionRefuseByHandTraining() {
        CommandLine cl = new CommandLine(new CourseRunner());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("train", "vgg-small", "--impl", "by-hand", "--out", dir.toString()));
        assertTrue(err.toString().contains("vgg-small is trained with DL4J only"), err.toString());
        assertEquals(2, cl.execute("train", "no-such-net", "--out", dir.toString()));
    }
}
