package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The table of the shipped model zips that docs/results.md shows between
 * {@code <!-- shipped-models -->} markers, written from the zips themselves: their recorded
 * metadata (accuracies, the training run's peak resident memory, command) and parameter counts.
 * {@code ./cnn-course docs} rewrites it; a test fails when it differs from the zips.
 */
public final class ShippedModelsTable {
    /** The name of the table's block in docs/results.md, for {@link MarkedBlocks}. */
    public static final String BLOCK = "shipped-models";

    private ShippedModelsTable() {
    }

    /** One shipped zip as the table shows it, with the network it holds. */
    public record Row(String zip, ModelMetadata metadata, long parameters, org.deeplearning4j.nn.api.Model model) {
    }

    /** Every zip in {@code folder}, loaded and checked, in name order. */
    public static List<Row> rows(Path folder) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path zip : s.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                ModelZips.Loaded loaded = ModelZips.load(zip, false);
                rows.add(new Row(zip.getFileName().toString(), loaded.metadata(), loaded.model().numParams(), loaded.model()));
            }
        }
        return rows;
    }

    public static String render(List<Row> rows) {
        StringBuilder t = new StringBuilder();
        t.append("| zip | network | dataset | parameters | epoch kept | validation | test | peak resident | trained by |\n");
        t.append("|-----|---------|---------|-----------:|-----------:|-----------:|-----:|--------------:|------------|\n");
        for (Row r : rows) {
            ModelMetadata m = r.metadata();
            t.append(String.format(Locale.ROOT, "| `%s` | %s | %s | %,d | %d | %s | %.2f%% | %s | %s |%n", r.zip(), m.architecture(),
                    m.dataset(), r.parameters(), m.epochs(),
                    m.validationAccuracy() == null ? "none held out" : String.format(Locale.ROOT, "%.2f%%", 100 * m.validationAccuracy()),
                    100 * m.testAccuracy(),
                    m.peakResidentMiB() == null ? "not recorded" : String.format(Locale.ROOT, "%,d MiB", m.peakResidentMiB()),
                    m.command() == null ? "(not recorded)" : "`" + m.command() + "`"));
        }
        return t.toString();
    }
}
