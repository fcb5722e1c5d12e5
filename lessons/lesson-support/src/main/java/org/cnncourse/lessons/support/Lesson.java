package org.cnncourse.lessons.support;

/**
 * A lesson of the course: prints its by-hand and DL4J results side by side and records every
 * comparison in the {@link LessonOutput}. Lessons are found with {@link java.util.ServiceLoader}.
 */
public interface Lesson {
    /** Position in the course, 1-based. */
    int number();

    /** Short topic name, as in the module name (lesson-02-padding: "padding"). */
    String slug();

    /** One line in the lecture's terms. */
    String title();

    void run(LessonOutput out);

    /**
     * A picture the course report shows with the lesson, with its caption. {@code file} is in
     * the lesson's output folder (out/lesson-NN) unless {@code shipped}: then it is a path in the
     * project, such as a trained model's accuracy plot.
     */
    record Picture(String file, String caption, boolean shipped) {
        public static Picture written(String file, String caption) {
            return new Picture(file, caption, false);
        }

        public static Picture shipped(String projectPath, String caption) {
            return new Picture(projectPath, caption, true);
        }
    }

    /** The lesson's pictures in the order the lesson talks about them (the report shows them so). */
    default java.util.List<Picture> pictures() {
        return java.util.List.of();
    }

    /** Runs one lesson from its own main method; exits non-zero when a comparison fails. */
    static void runStandalone(Lesson lesson) {
        LessonOutput out = new LessonOutput(System.out);
        out.heading(lesson);
        Dl4jPrecision.restoringDefaults(() -> lesson.run(out));
        out.summary();
        System.out.flush();
        if (!out.allPassed()) {
            System.exit(1);
        }
    }
}
