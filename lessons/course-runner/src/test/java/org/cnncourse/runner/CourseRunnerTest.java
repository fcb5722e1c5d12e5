package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cnncourse.lessons.support.Lesson;
import org.cnncourse.lessons.support.LessonOutput;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CourseRunnerTest {
    @Test
    void findsTheLessonsInOrder() {
        List<Lesson> lessons = CourseRunner.lessons();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), lessons.stream().map(Lesson::number).toList());
    }

    @Test
    void lessonsAreFoundByNumberOrTopic() {
        assertEquals(3, CourseRunner.find("3").number());
        assertEquals(3, CourseRunner.find("03").number());
        assertEquals(8, CourseRunner.find("pooling").number());
        assertNull(CourseRunner.find("99"));
    }

    @Test
    void aFailingLessonMakesTheRunFail() {
        Lesson broken = new Lesson() {
            public int number() {
                return 99;
            }

            public String slug() {
                return "broken";
            }

            public String title() {
                return "a lesson whose check fails";
            }

            public void run(LessonOutput out) {
                out.check("one equals two", 1 == 2);
            }
        };
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = CourseRunner.runLessons(List.of(broken, CourseRunner.find("1")),
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("FAIL  99 broken"), text);
        assertTrue(text.contains("PASS  01 convolution"), text);
    }

    @Test
    void theReportListsEveryLessonWithItsVerdictAndPrintout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("lesson-01"));
        java.nio.file.Files.write(dir.resolve("lesson-01/plot.png"), new byte[] {1});
        java.nio.file.Path report = Report.write(dir, List.of(
                new Report.LessonResult(1, "convolution", "Convolution <one channel>", true, 8, 0, 0.5, "PASS output", List.of()),
                new Report.LessonResult(2, "padding", "Padding", false, 7, 1, 0.1, "FAIL dL/dx", List.of())));
        String html = java.nio.file.Files.readString(report);
        assertTrue(html.contains("Convolution &lt;one channel&gt;"), html);
        assertTrue(html.contains("<td class=\"FAIL\">FAIL</td>"), html);
        assertTrue(html.contains("<img src=\"lesson-01/plot.png\""), html);
        assertTrue(html.contains("<pre>FAIL dL/dx</pre>"), html);
    }

    @Test
    void picturesComeInTheLessonsOrderWithCaptionsAndShippedOnesAreCopied(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path lessonDir = java.nio.file.Files.createDirectories(dir.resolve("out/lesson-11"));
        for (String name : new String[] {"a-after.png", "b-before.png", "z-extra.png"}) {
            java.nio.file.Files.write(lessonDir.resolve(name), new byte[] {1});
        }
        java.nio.file.Path shipped = java.nio.file.Files.write(dir.resolve("model-accuracy.png"), new byte[] {2});
        List<Report.Figure> figures = Report.figures(lessonDir, List.of(
                org.cnncourse.lessons.support.Lesson.Picture.written("b-before.png", "before training"),
                org.cnncourse.lessons.support.Lesson.Picture.written("a-after.png", "after training"),
                org.cnncourse.lessons.support.Lesson.Picture.shipped(shipped.toString(), "the shipped model, 20 epochs"),
                org.cnncourse.lessons.support.Lesson.Picture.shipped(dir.resolve("absent.png").toString(), "not there")));
        assertEquals(List.of("before training", "after training", "the shipped model, 20 epochs", "z-extra.png"),
                figures.stream().map(Report.Figure::caption).toList());
        assertEquals(List.of("b-before.png", "a-after.png", "shipped-model-accuracy.png", "z-extra.png"),
                figures.stream().map(f -> f.png().getFileName().toString()).toList());
        assertArrayEquals(new byte[] {2}, java.nio.file.Files.readAllBytes(lessonDir.resolve("shipped-model-accuracy.png")));
    }

    @Test
    void unknownLessonIsAUsageError() {
        CommandLine cl = new CommandLine(new CourseRunner());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("lesson", "42");
        assertEquals(2, code);
        assertTrue(err.toString().contains("No lesson '42'"), err.toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"list", "--help"}, {"lesson", "--help"}, {"datasets", "--help"},
                {"train", "--help"}, {"evaluate", "--help"}, {"predict", "--help"}, {"bench", "--help"},
                {"bench", "data", "--help"}, {"bench", "simple-convnet", "--help"}, {"bench", "dl4j", "--help"},
                {"bench", "memory", "--help"}, {"bench", "scaling", "--help"}, {"bench", "networks", "--help"},
                {"docs", "--help"}}) {
            CommandLine cl = new CommandLine(new CourseRunner());
            StringWriter out = new StringWriter();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute(args));
            assertNotNull(out.toString());
            assertTrue(out.toString().startsWith("Usage: cnn-course"), out.toString());
        }
    }

    @Test
    void trainsHelpNamesEveryNetworkItTrains() {
        CommandLine cl = new CommandLine(new CourseRunner());
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("train", "--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (String network : org.cnncourse.models.CourseNetworks.ALL.keySet()) {
            assertTrue(help.contains(network), "train --help does not name " + network + ": " + help);
        }
    }
}
