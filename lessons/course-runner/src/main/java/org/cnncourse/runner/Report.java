package org.cnncourse.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.cnncourse.data.AtomicFiles;
import org.cnncourse.lessons.support.Lesson;

/** The course run as one HTML page: every lesson's printout and verdict, and the pictures. */
final class Report {
    private Report() {
    }

    record LessonResult(int number, String slug, String title, boolean passed, int checksPassed, int checksFailed,
                        double seconds, String printout, List<Lesson.Picture> pictures) {
    }

    static Path write(Path outDir, List<LessonResult> results) throws IOException {
        Files.createDirectories(outDir);
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cnn-course report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append(".PASS{color:#187018;font-weight:bold}.FAIL{color:#b01010;font-weight:bold}")
                .append("figure{margin:1em 0}figcaption{font-size:13px;color:#333}")
                .append("pre{background:#f6f6f6;padding:8px;overflow-x:auto;font-size:12px}img{max-width:100%;border:1px solid #ddd}")
                .append("</style></head><body>\n<h1>cnn-course: by hand and with DL4J</h1>\n<table><tr><th>#</th><th>lesson</th>")
                .append("<th>result</th><th>checks</th><th>seconds</th></tr>\n");
        for (LessonResult r : results) {
            String v = r.passed() ? "PASS" : "FAIL";
            h.append(String.format(Locale.ROOT, "<tr><td>%02d</td><td><a href=\"#l%d\">%s</a></td><td class=\"%s\">%s</td>"
                    + "<td>%d passed, %d failed</td><td>%.1f</td></tr>%n", r.number(), r.number(), esc(r.title()), v, v,
                    r.checksPassed(), r.checksFailed(), r.seconds()));
        }
        h.append("</table>\n");
        for (LessonResult r : results) {
            h.append(String.format(Locale.ROOT, "<h2 id=\"l%d\">%02d %s</h2>%n", r.number(), r.number(), esc(r.title())));
            Path lessonDir = outDir.resolve("lesson-" + String.format(Locale.ROOT, "%02d", r.number()));
            for (Figure f : figures(lessonDir, r.pictures())) {
                h.append("<figure><img src=\"").append(esc(outDir.relativize(f.png()).toString())).append("\" alt=\"")
                        .append(esc(f.caption())).append("\"><figcaption>").append(esc(f.caption()))
                        .append("</figcaption></figure>\n");
            }
            h.append("<pre>").append(esc(r.printout())).append("</pre>\n");
        }
        h.append("</body></html>\n");
        Path report = outDir.resolve("report.html");
        AtomicFiles.write(report, tmp -> Files.writeString(tmp, h.toString()));
        return report;
    }

    record Figure(Path png, String caption) {
    }

    /**
     * The lesson's pictures in its own order with their captions (a shipped one is copied next
     * to the lesson's, so the report folder stands alone), then any other picture the lesson
     * wrote, under its file name.
     */
    static List<Figure> figures(Path lessonDir, List<Lesson.Picture> declared) throws IOException {
        List<Figure> figures = new ArrayList<>();
        java.util.Set<Path> shown = new java.util.HashSet<>();
        for (Lesson.Picture p : declared) {
            Path png;
            if (p.shipped()) {
                Path source = Path.of(p.file());
                if (!Files.isRegularFile(source)) {
                    continue;
                }
                Files.createDirectories(lessonDir);
                png = lessonDir.resolve("shipped-" + source.getFileName());
                Files.copy(source, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else {
                png = lessonDir.resolve(p.file());
            }
            if (Files.isRegularFile(png)) {
                figures.add(new Figure(png, p.caption()));
                shown.add(png);
            }
        }
        if (Files.isDirectory(lessonDir)) {
            try (Stream<Path> s = Files.list(lessonDir)) {
                s.filter(p -> p.toString().endsWith(".png") && !shown.contains(p)
                                && !p.getFileName().toString().startsWith("shipped-"))
                        .sorted().forEach(p -> figures.add(new Figure(p, p.getFileName().toString())));
            }
        }
        return figures;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
