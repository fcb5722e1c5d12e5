package org.cnncourse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Every benchmark's figures as a JSON file (Jackson, indented), written whole or not at all. */
final class BenchJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchJson() {
    }

    static void write(Path file, Object document) throws IOException {
        String text = MAPPER.writeValueAsString(document) + "\n";
        org.cnncourse.data.AtomicFiles.write(file, tmp -> java.nio.file.Files.writeString(tmp, text));
        System.out.println("Written: " + file);
    }

    /** The median, smallest and largest of a benchmark's rounds. */
    static java.util.Map<String, Double> spread(double[] rounds) {
        double[] r = rounds.clone();
        java.util.Arrays.sort(r);
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("median", BenchTiming.median(r));
        m.put("min", r[0]);
        m.put("max", r[r.length - 1]);
        return m;
    }
}
