package org.cnncourse.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cnncourse.data.AtomicFiles;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.cnncourse.lessons.support.ReadmeBlocks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rewrites the printout quotes in the lesson READMEs from fresh runs of their lessons. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Run every lesson whose README quotes its printout (<!-- lesson-output \"section\" --> blocks)",
                "and rewrite those quotes from the fresh run, and write docs/results.md's tables of the shipped",
                "models and of the SimpleConvNet runs from models/trained. Each lesson's test, and the tests of",
                "those tables, fail while they are stale."})
final class DocsCommand implements Callable<Integer> {
    @Option(names = "--check", description = "Only report stale READMEs; exit 1 if any, write nothing.")
    boolean check;

    @Option(names = "--root", defaultValue = ".", description = "The project folder (default: the current one).")
    Path root;

    static Path readmeOf(Path root, Lesson lesson) {
        return root.resolve(String.format(Locale.ROOT, "lessons/lesson-%02d-%s/README.md", lesson.number(), lesson.slug())).normalize();
    }

    @Override
    public Integer call() throws IOException {
        int stale = 0;
        for (Lesson lesson : CourseRunner.lessons()) {
            Path readme = readmeOf(root, lesson);
            if (!Files.isRegularFile(readme)) {
                continue;
            }
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            List<ReadmeBlocks.Block> blocks = ReadmeBlocks.blocks(text);
            if (blocks.isEmpty()) {
                continue;
            }
            String printout = LessonOutput.capture(lesson).text();
            List<String> problems = ReadmeBlocks.stale(text, printout);
            if (problems.isEmpty()) {
                System.out.printf(Locale.ROOT, "%s: %d quoted sections, current%n", readme, blocks.size());
                continue;
            }
            stale++;
            if (check) {
                System.out.printf(Locale.ROOT, "%s: stale%n  %s%n", readme, String.join("\n  ", problems));
                continue;
            }
            String rewritten = ReadmeBlocks.rewrite(text, printout);
            AtomicFiles.write(readme, tmp -> Files.writeString(tmp, rewritten, StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "%s: rewritten (%d of %d sections had changed)%n", readme, problems.size(), blocks.size());
        }
        stale += shippedModels() ? 0 : 1;
        stale += simpleConvNetRuns() ? 0 : 1;
        return check && stale > 0 ? CourseRunner.FAILED : 0;
    }

    /** docs/results.md's table of the shipped zips; true when it was current. */
    private boolean shippedModels() throws IOException {
        String table = org.cnncourse.models.ShippedModelsTable.render(
                org.cnncourse.models.ShippedModelsTable.rows(root.resolve("models/trained")));
        return resultsBlock(org.cnncourse.models.ShippedModelsTable.BLOCK, "the shipped models table", table);
    }

    /** docs/results.md's table of the SimpleConvNet runs, both implementations; true when it was current. */
    private boolean simpleConvNetRuns() throws IOException {
        String table = SimpleConvNetRunsTable.render(SimpleConvNetRunsTable.rows(root.resolve("models/trained")));
        return resultsBlock(SimpleConvNetRunsTable.BLOCK, "the SimpleConvNet runs table", table);
    }

    /** Rewrites one generated block of docs/results.md unless --check; true when it was current. */
    private boolean resultsBlock(String block, String what, String content) throws IOException {
        Path results = root.resolve("docs/results.md").normalize();
        String text = Files.readString(results, StandardCharsets.UTF_8);
        if (content.equals(org.cnncourse.models.MarkedBlocks.quoted(text, block))) {
            System.out.printf(Locale.ROOT, "%s: %s is current%n", results, what);
            return true;
        }
        if (check) {
            System.out.printf(Locale.ROOT, "%s: %s differs from models/trained%n", results, what);
            return false;
        }
        String rewritten = org.cnncourse.models.MarkedBlocks.rewrite(text, block, content);
        AtomicFiles.write(results, tmp -> Files.writeString(tmp, rewritten, StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "%s: %s rewritten from models/trained%n", results, what);
        return false;
    }
}
