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

    /**
     * Prints the table docs/results.md quotes from a run's JSON file, between its two marker lines, with how to
     * bring it there; QuotedBenchFiguresTest compares the quoted table with the committed file.
     */
    static void printQuotedTable(Path file, String committedName, String start, String end,
                                 java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> table) throws IOException {
        System.out.println("As docs/results.md quotes it (copy the JSON to docs/bench/" + committedName + " and this between "
                + start + " and " + end + "; a test compares the two):");
        System.out.print(table.apply(MAPPER.readTree(file.toFile())));
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
