package org.cnncourse.lessons.support;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import org.cnncourse.scratch.Tensor;

/** Where a lesson prints; it also counts what passed and what failed. */
public final class LessonOutput {
    private final PrintStream out;
    private int passed;
    private int failed;

    public LessonOutput(PrintStream out) {
        this.out = out;
    }

    /** What a lesson printed and whether all its checks passed. */
    public record Captured(boolean passed, String text) {
    }

    /** Runs a lesson into a buffer: what its test asserts on. */
    public static Captured capture(Lesson lesson) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        LessonOutput lo = new LessonOutput(new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8));
        Dl4jPrecision.restoringDefaults(() -> lesson.run(lo));
        return new Captured(lo.allPassed(), buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void heading(Lesson lesson) {
        String line = String.format(Locale.ROOT, "Lesson %02d - %s", lesson.number(), lesson.title());
        out.println();
        out.println(line);
        out.println("=".repeat(line.length()));
    }

    public void section(String title) {
        out.println();
        out.println("-- " + title);
    }

    public void text(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }

    /** Prints a 2-D slice of both results next to each other, then how far apart they are. */
    public void sideBySide(String what, Tensor byHand, Tensor dl4j) {
        out.println(what);
        Tensor a = Matrices.slice2d(byHand), b = Matrices.slice2d(dl4j);
        String[] left = Matrices.format(a), right = Matrices.format(b);
        int width = Math.max(left.length > 0 ? left[0].length() : 0, "by hand".length());
        out.println(String.format(Locale.ROOT, "  %-" + width + "s   %s", "by hand", "DL4J"));
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            out.println(String.format(Locale.ROOT, "  %-" + width + "s | %s",
                    i < left.length ? left[i] : "", i < right.length ? right[i] : ""));
        }
        if (!Matrices.isWhole(byHand)) {
            out.println("  (the first image and channel; other slices are compared below)");
        }
    }

    /** Prints and records one comparison. */
    public boolean compare(Comparison c) {
        out.println("  " + c.describe());
        record(c.passed());
        return c.passed();
    }

    public boolean compare(ComparisonReport report) {
        boolean ok = true;
        for (Comparison c : report.comparisons()) {
            ok &= compare(c);
        }
        return ok;
    }

    /** Runs many reports, prints one summary line (and any failures in full). */
    public boolean sweep(String what, Collection<ComparisonReport> reports) {
        int bad = 0;
        double worst = 0;
        int tensors = 0;
        for (ComparisonReport r : reports) {
            tensors += r.comparisons().size();
            worst = Math.max(worst, r.worstRelativeDiff());
            if (!r.passed()) {
                bad++;
                out.print(r);
            }
        }
        boolean ok = bad == 0 && !reports.isEmpty();
        out.println(String.format(Locale.ROOT, "  %-8s %s: %d cases, %d tensors compared, worst relative difference %.3e%s",
                ok ? "PASS" : "FAIL", what, reports.size(), tensors, worst, bad > 0 ? ", " + bad + " cases failed" : ""));
        record(ok);
        return ok;
    }

    /** A claim that is not a tensor comparison, e.g. two parameter counts agree. */
    public boolean check(String claim, boolean ok) {
        out.println(String.format(Locale.ROOT, "  %-8s %s", ok ? "PASS" : "FAIL", claim));
        record(ok);
        return ok;
    }

    public void failure(String what, Throwable t) {
        out.println("  FAIL     " + what + ": " + t);
        record(false);
    }

    private void record(boolean ok) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
    }

    public void summary() {
        out.println();
        out.println(String.format(Locale.ROOT, "%s: %d checks passed, %d failed", allPassed() ? "PASS" : "FAIL", passed, failed));
    }

    public boolean allPassed() {
        return failed == 0 && passed > 0;
    }

    public int passedCount() {
        return passed;
    }

    public int failedCount() {
        return failed;
    }

    public PrintStream stream() {
        return out;
    }
}
