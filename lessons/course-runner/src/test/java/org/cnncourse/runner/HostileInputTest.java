package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.cnncourse.data.FolderLock;
import org.cnncourse.models.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line under bad options, damaged files and a second run: one sentence, the right exit code, nothing lost. */
class HostileInputTest {
    @TempDir
    Path dir;

    /** Exit code, standard output and standard error of one command. */
    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(String... args) {
        PrintStream stdout = System.out, stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream(), printedErr = new ByteArrayOutputStream();
        // Swapped before the command line is made: picocli's default strategy keeps the System.err it saw then.
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(printedErr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = CourseRunner.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            int code = cl.execute(args);
            return new Result(code, printed.toString(StandardCharsets.UTF_8), err + printedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    static Path shipped(String name) {
        return Path.of(System.getProperty("cnncourse.root", "../..")).resolve("models/trained").resolve(name);
    }

    String[] quickTrain(String... more) {
        return quickTrain(1, more);
    }

    String[] quickTrain(int epochs, String... more) {
        String[] base = {"train", "lenet5", "--dataset", "digits", "--epochs", Integer.toString(epochs), "--train-limit", "200",
                "--out", dir.toString(), "--no-progress"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aRuntimeErrorIsOneSentenceAndTheStackTraceComesOnlyWithVerbose() {
        Path missing = dir.resolve("nothing.zip");
        Result r = run("evaluate", missing.toString());
        assertEquals(CourseRunner.FAILED, r.code());
        assertTrue(r.err().contains("cnn-course evaluate: " + missing + ": does not exist"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack frames without --verbose: " + r.err());
        assertTrue(r.err().lines().count() <= 2, r.err());
        Result verbose = run("evaluate", missing.toString(), "--verbose");
        assertEquals(CourseRunner.FAILED, verbose.code());
        assertTrue(verbose.err().contains("\tat org.cnncourse.models.ModelZips"), verbose.err());
    }

    @Test
    void impossibleNumbersAreRefusedBeforeAnyDataIsRead() {
        // The dataset folder does not exist: had the data been read first, that would be the complaint.
        for (String[] bad : new String[][] {{"--epochs", "0"}, {"--epochs", "-1"}, {"--batch-size", "0"}, {"--train-limit", "-5"}}) {
            Result r = run("train", "lenet5", "--out", dir.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.all());
            assertTrue(r.err().contains(bad[0] + " must be") && r.err().contains(bad[1]), r.err());
        }
        Result none = run("train", "lenet5", "--augment", "none,flips", "--out", dir.toString());
        assertEquals(2, none.code(), none.all());
        assertTrue(none.err().contains("--augment none cannot be combined with other parts, as in 'none,flips'"), none.err());
        Result r = run("train", "lenet5", "--dataset", dir.resolve("no-such-folder").toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--dataset must be fashion, digits or a folder"), r.err());
    }

    @Test
    void namesTheCommandsDoNotKnowAreUsageErrorsInWords() throws Exception {
        Result impl = run("train", "lenet5", "--impl", "nope", "--out", dir.toString());
        assertEquals(2, impl.code());
        assertTrue(impl.err().contains("must be dl4j, by-hand or both, not 'nope'"), impl.err());
        assertFalse(impl.err().contains("No enum constant"), impl.err());
        Result network = run("demo", "--network", "foo", "--port", "0");
        assertEquals(2, network.code(), network.all());
        assertTrue(network.err().contains("unknown network 'foo'"), network.err());
        // The course itself checks its report folder before running 16 lessons.
        Path file = Files.writeString(dir.resolve("report-file"), "not a folder");
        Result course = run("--out", file.toString());
        assertEquals(2, course.code(), course.all());
        assertTrue(course.err().contains("--out " + file + " is not a writable folder"), course.err());
        assertFalse(course.out().contains("Lesson 01"), "no lesson ran");
    }

    @Test
    void anUnusableOutputFolderIsRefusedFirst() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Result r = run("train", "lenet5", "--dataset", "digits", "--epochs", "1", "--out", file.toString(), "--no-progress");
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("--out " + file + " is not a writable folder"), r.err());
        assertFalse(r.out().contains("epoch"), "no epoch was trained: " + r.out());
    }

    @Test
    void aSecondRunIntoTheSameFolderIsRefusedAndNamesTheFirst() throws Exception {
        try (FolderLock first = FolderLock.acquire(dir, "train lenet5 --out " + dir)) {
            Result r = run(quickTrain());
            assertEquals(CourseRunner.FAILED, r.code(), r.all());
            assertTrue(r.err().contains(dir + " is in use by another run (pid " + ProcessHandle.current().pid())
                    && r.err().contains("train lenet5 --out " + dir), r.err());
        }
        assertFalse(Files.exists(dir.resolve("lenet5-digits.zip")), "the refused run wrote nothing");
    }

    @Test
    void resumeRefusesChangedSettingsAMissingStateAndADamagedCheckpointByName() throws Exception {
        Result fresh = run(quickTrain("--resume"));
        assertEquals(CourseRunner.FAILED, fresh.code(), fresh.all());
        assertTrue(fresh.err().contains("nothing to resume: ") && fresh.err().contains("state.json is missing"), fresh.err());

        // A leftover of a write killed half-way is cleared by the next run that holds the folder.
        Path leftover = Files.writeString(dir.resolve(".lenet5-digits.zip-12345.tmp"), "half a zip");
        Path best = Files.createDirectories(dir.resolve("checkpoints/lenet5-digits-dl4j").resolve(TrainingLoop.BEST_DIR));
        Path bestLeftover = Files.writeString(best.resolve(".dl4j-checkpoint.zip-678.tmp"), "half a checkpoint");
        assertEquals(0, run(quickTrain()).code());
        assertFalse(Files.exists(leftover), "the killed write's temporary file is removed");
        assertFalse(Files.exists(bestLeftover), "and so is one in the best epoch's folder");

        Result r = run(quickTrain(2, "--resume", "--lr", "0.01", "--seed", "5"));
        assertEquals(CourseRunner.FAILED, r.code(), r.all());
        assertTrue(r.err().contains("--lr 0.01 (the run started with 0.001)") && r.err().contains("seed 5 (the run started with 1)"),
                r.err());

        // A resumed run records the command that trains the same model from the start: without --resume.
        Result resumed = run(quickTrain(2, "--resume"));
        assertEquals(0, resumed.code(), resumed.all());
        assertTrue(resumed.out().contains("resuming after epoch 1"), resumed.out());
        String recorded = org.cnncourse.models.ModelZips.load(dir.resolve("lenet5-digits.zip"), false).metadata().command();
        assertEquals("./cnn-course " + String.join(" ", quickTrain(2)), recorded);

        Path checkpoint = dir.resolve("checkpoints/lenet5-digits-dl4j");
        Files.writeString(checkpoint.resolve("dl4j-checkpoint.zip"), "damaged");
        Result damaged = run(quickTrain(3, "--resume"));
        assertEquals(CourseRunner.FAILED, damaged.code(), damaged.all());
        assertTrue(damaged.err().contains(checkpoint.resolve("dl4j-checkpoint.zip") + ": not a readable DL4J checkpoint"), damaged.err());

        Files.writeString(checkpoint.resolve(TrainingLoop.STATE_FILE), "{\"epochsDone\": ");
        Result badState = run(quickTrain(3, "--resume"));
        assertTrue(badState.err().contains(checkpoint.resolve(TrainingLoop.STATE_FILE) + ": not a readable checkpoint state"),
                badState.err());
    }

    @Test
    void theDemoRefusesAnAddressThatIsNotThisMachinesInWords() {
        Result foreign = run("demo", "--host", "203.0.113.7", "--port", "0");
        assertEquals(2, foreign.code(), foreign.all());
        assertTrue(foreign.err().contains("--host 203.0.113.7 (203.0.113.7) is not an address of this machine"), foreign.err());
        Result unknown = run("demo", "--host", "no-such-host.invalid", "--port", "0");
        assertEquals(2, unknown.code(), unknown.all());
        assertTrue(unknown.err().contains("--host no-such-host.invalid cannot be resolved"), unknown.err());
        assertFalse(unknown.all().contains("Port already in use"));
    }

    @Test
    void predictWarnsOnATinyOrTransparentImageAndNamesAGif() throws Exception {
        Path zip = shipped("simple-convnet-digits.zip");
        Path tiny = dir.resolve("tiny.png");
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY), "png", tiny.toFile());
        Result r = run("predict", zip.toString(), tiny.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.err().contains("warning: " + tiny + " is only 1x1 pixels"), r.err());

        Path clear = dir.resolve("clear.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB), "png", clear.toFile());
        Result c = run("predict", zip.toString(), clear.toString());
        assertEquals(0, c.code(), c.all());
        assertTrue(c.err().contains("warning: " + clear + " is fully transparent"), c.err());

        Path gif = dir.resolve("digit.gif");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_INDEXED), "gif", gif.toFile());
        Result g = run("predict", zip.toString(), gif.toString());
        assertEquals(CourseRunner.FAILED, g.code(), g.all());
        assertTrue(g.err().contains(gif + ": is a GIF image; predict reads PNG, JPEG or BMP"), g.err());
        assertFalse(g.err().contains("\tat "), g.err());
        assertEquals(1, g.err().lines().filter(l -> l.startsWith("cnn-course")).count(), g.err());
    }

    @Test
    void anIncompleteNamedDatasetFolderIsAnErrorThatSaysWhatIsMissing() throws Exception {
        Path root = Path.of(System.getProperty("cnncourse.root", "../.."));
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("cnn-course").toString(), "datasets").redirectErrorStream(true);
        pb.environment().put("CNN_COURSE_FASHION_MNIST", dir.toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), text);
        assertTrue(text.contains("CNN_COURSE_FASHION_MNIST names " + dir + ", which lacks train-images-idx3-ubyte[.gz]"
                + " train-labels-idx1-ubyte[.gz] t10k-labels-idx1-ubyte[.gz]"), text);
    }
}
