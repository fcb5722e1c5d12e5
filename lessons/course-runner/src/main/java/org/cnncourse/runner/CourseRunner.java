package org.cnncourse.runner;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.cnncourse.bench.BenchCommand;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The {@code ./cnn-course} command line. With no command it runs every lesson in order. */
@Command(name = "cnn-course", mixinStandardHelpOptions = true, version = "cnn-course 1.0.0-SNAPSHOT",
        description = "Convolutional neural networks by hand and with Deeplearning4j, compared number by number.%n"
                + "With no command: run every lesson in order and exit non-zero if any comparison fails.",
        subcommands = {CourseRunner.ListLessons.class, CourseRunner.RunLesson.class, DatasetsCommand.class, TrainCommand.class, EvaluateCommand.class,
                PredictCommand.class, BenchCommand.class, DemoCommand.class, DocsCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Also:", "  test    Run the whole test suite (./cnn-course test --help)."})
public final class CourseRunner implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Exit code of a command that failed at run time (usage errors exit with 2). */
    static final int FAILED = 1;

    /** The command line with the course's one error path: a sentence and exit code 1, the stack trace only with --verbose. */
    static CommandLine commandLine() {
        CommandLine root = new CommandLine(new CourseRunner());
        return root.setExecutionExceptionHandler((e, cl, parsed) -> {
            PrintWriter err = root.getErr();
            err.println("cnn-course " + cl.getCommandName() + ": " + sentence(e));
            if (parsed.originalArgs().contains("--verbose")) {
                e.printStackTrace(err);
            } else {
                err.println("(--verbose shows the stack trace)");
            }
            err.flush();
            return FAILED;
        });
    }

    /** What went wrong in words: the message, or the cause's when the message is empty. */
    static String sentence(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName() + " (no message)";
    }

    @picocli.CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "On an error, print the Java stack trace after the message.")
    boolean verbose;

    /** Every lesson on the classpath, in course order. */
    public static List<Lesson> lessons() {
        List<Lesson> all = new ArrayList<>();
        ServiceLoader.load(Lesson.class).forEach(all::add);
        all.sort(Comparator.comparingInt(Lesson::number));
        return all;
    }

    /** Runs lessons, prints each one's result and a summary; returns the exit code. */
    static int runLessons(List<Lesson> lessons, PrintStream out) {
        return runLessons(lessons, out, new ArrayList<>());
    }

    static int runLessons(List<Lesson> lessons, PrintStream out, List<Report.LessonResult> results) {
        List<String> summary = new ArrayList<>();
        boolean allPassed = true;
        for (Lesson lesson : lessons) {
            java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
            PrintStream both = new PrintStream(new org.apache.commons.io.output.TeeOutputStream(out, copy), true,
                    java.nio.charset.StandardCharsets.UTF_8);
            LessonOutput lo = new LessonOutput(both);
            lo.heading(lesson);
            long start = System.nanoTime();
            try {
                org.cnncourse.lessons.support.Dl4jPrecision.restoringDefaults(() -> lesson.run(lo));
            } catch (RuntimeException e) {
                lo.failure("lesson stopped", e);
            }
            lo.summary();
            both.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            allPassed &= lo.allPassed();
            results.add(new Report.LessonResult(lesson.number(), lesson.slug(), lesson.title(), lo.allPassed(),
                    lo.passedCount(), lo.failedCount(), seconds, copy.toString(java.nio.charset.StandardCharsets.UTF_8),
                    lesson.pictures()));
            summary.add(String.format(Locale.ROOT, "  %s  %02d %-18s %4d checks passed, %d failed  (%.1f s)",
                    lo.allPassed() ? "PASS" : "FAIL", lesson.number(), lesson.slug(), lo.passedCount(), lo.failedCount(), seconds));
        }
        out.println();
        out.println("Summary");
        summary.forEach(out::println);
        out.println(allPassed ? "All lessons passed." : "Some comparisons FAILED: see above.");
        out.flush();
        return allPassed ? 0 : 1;
    }

    @picocli.CommandLine.Option(names = "--out", defaultValue = "out",
            description = "Where the report and the lessons' pictures go (default ${DEFAULT-VALUE}).")
    java.nio.file.Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        OutputFolders.writable(out, "--out", spec);
        System.setProperty("cnncourse.out", out.toString());
        List<Report.LessonResult> results = new ArrayList<>();
        int code = runLessons(lessons(), System.out, results);
        java.nio.file.Path report = Report.write(out, results);
        System.out.println("Report: " + report.toAbsolutePath());
        return code;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons in course order.")
    static final class ListLessons implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Lesson l : lessons()) {
                System.out.printf(Locale.ROOT, "%2d  %-18s %s%n", l.number(), l.slug(), l.title());
            }
            return 0;
        }
    }

    @Command(name = "lesson", mixinStandardHelpOptions = true,
            description = "Run one lesson: print by-hand and DL4J results side by side, PASS or FAIL.")
    static final class RunLesson implements Callable<Integer> {
        @Parameters(paramLabel = "LESSON", description = "Lesson number (e.g. 3) or topic (e.g. stride); see 'list'.")
        String which;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Lesson lesson = find(which);
            if (lesson == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "No lesson '" + which
                        + "'. Lessons: " + lessons().stream().map(l -> l.number() + " " + l.slug()).toList());
            }
            return runLessons(List.of(lesson), System.out);
        }
    }

    static Lesson find(String which) {
        for (Lesson l : lessons()) {
            if (which.equals(l.slug()) || which.equals(Integer.toString(l.number()))
                    || which.equals(String.format(Locale.ROOT, "%02d", l.number()))) {
                return l;
            }
        }
        return null;
    }
}
