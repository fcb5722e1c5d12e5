package org.cnncourse.lessons.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson README quotes its lesson's printout between marker comments, so that a number a
 * README calls measured is the number a run prints:
 *
 * <pre>
 * &lt;!-- lesson-output "Robust to small shifts" --&gt;
 * ```text
 * (the section of the printout whose title starts with those words)
 * ```
 * &lt;!-- /lesson-output --&gt;
 * </pre>
 *
 * {@code <!-- lesson-output "title" lines=6 -->} quotes only the section's first six lines (for
 * a section that ends with something machine-specific, such as where it wrote a picture).
 * The lesson's test compares every block with a fresh run ({@link #stale}); {@code ./cnn-course
 * docs} rewrites them ({@link #rewrite}).
 */
public final class ReadmeBlocks {
    private static final Pattern BLOCK = Pattern.compile(
            "(<!-- lesson-output \"([^\"]+)\"(?: lines=(\\d+))? -->\\n)(.*?)(<!-- /lesson-output -->)", Pattern.DOTALL);
    private static final String FENCE = "```";

    private ReadmeBlocks() {
    }

    /** One quoted block: the section title it names, how many lines it quotes (0: all) and what the README holds now. */
    public record Block(String section, int lines, String quoted) {
    }

    public static List<Block> blocks(String readme) {
        List<Block> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            found.add(new Block(m.group(2), lineCount(m), m.group(4)));
        }
        return found;
    }

    private static int lineCount(Matcher m) {
        return m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }

    /** The first {@code lines} lines of a section (all of it for 0). */
    static String section(String printout, String title, int lines) {
        String all = section(printout, title);
        if (lines <= 0) {
            return all;
        }
        List<String> kept = all.lines().limit(lines).toList();
        return String.join("\n", kept);
    }

    /** The section of a lesson's printout whose title starts with {@code title}, header line included. */
    public static String section(String printout, String title) {
        List<String> lines = printout.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("-- " + title)) {
                if (start >= 0) {
                    throw new IllegalArgumentException("two sections of the printout start with \"" + title + "\"");
                }
                start = i;
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("no section of the printout starts with \"" + title + "\"");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("-- ") && !lines.get(end).matches("(PASS|FAIL): .*")) {
            end++;
        }
        while (end > start + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return String.join("\n", lines.subList(start, end));
    }

    private static String fenced(String section) {
        return FENCE + "text\n" + section + "\n" + FENCE + "\n";
    }

    /** What differs between the README's blocks and a fresh printout: empty when all are current. */
    public static List<String> stale(String readme, String printout) {
        List<String> problems = new ArrayList<>();
        for (Block b : blocks(readme)) {
            String fresh;
            try {
                fresh = fenced(section(printout, b.section(), b.lines()));
            } catch (IllegalArgumentException e) {
                problems.add("block \"" + b.section() + "\": " + e.getMessage());
                continue;
            }
            if (!fresh.equals(b.quoted())) {
                problems.add("block \"" + b.section() + "\" differs from the run at: " + firstDifference(b.quoted(), fresh));
            }
        }
        return problems;
    }

    /** The README with every block replaced by the same section of {@code printout}. */
    public static String rewrite(String readme, String printout) {
        Matcher m = BLOCK.matcher(readme);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fresh = fenced(section(printout, m.group(2), lineCount(m)));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + fresh + m.group(5)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String firstDifference(String quoted, String fresh) {
        String[] a = quoted.split("\n", -1), b = fresh.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)", y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) {
                return "README \"" + x.strip() + "\", run \"" + y.strip() + "\"";
            }
        }
        return "(same lines)";
    }

    /** For a lesson's test: fails, naming the block and the line, when the README is stale. */
    public static void assertCurrent(Path readme, String printout) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + readme.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        List<String> problems = stale(text, printout);
        if (!problems.isEmpty()) {
            throw new AssertionError(readme.toAbsolutePath() + " quotes an old run of its lesson ("
                    + "run ./cnn-course docs to rewrite it):\n  " + String.join("\n  ", problems));
        }
    }
}
