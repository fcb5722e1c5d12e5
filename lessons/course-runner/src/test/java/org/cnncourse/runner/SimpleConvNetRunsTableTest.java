package org.cnncourse.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnncourse.models.EpochResult;
import org.cnncourse.models.MarkedBlocks;
import org.cnncourse.models.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleConvNetRunsTableTest {
    static final Path ROOT = Path.of(System.getProperty("cnncourse.root", "../.."));

    @TempDir
    Path dir;

    @Test
    void theResultsPageQuotesBothImplementationsAsTheirRunsShippedThem() throws IOException {
        Path results = ROOT.resolve("docs/results.md");
        List<SimpleConvNetRunsTable.Row> rows = SimpleConvNetRunsTable.rows(ROOT.resolve("models/trained"));
        assertEquals(4, rows.size(), rows.toString());
        assertEquals(SimpleConvNetRunsTable.render(rows), MarkedBlocks.quoted(Files.readString(results), SimpleConvNetRunsTable.BLOCK),
                results + " is stale: run ./cnn-course docs to rewrite its SimpleConvNet table from models/trained");
        // The lecture's target for its own network, on the clothes: both implementations pass 91%.
        for (SimpleConvNetRunsTable.Row r : rows) {
            if (r.dataset().equals("fashion")) {
                assertTrue(r.testAccuracy() >= 0.91, r.toString());
            }
        }
    }

    @Test
    void aHistoryWrittenByTrainReadsBackAndABadLineIsNamed() throws IOException {
        Path csv = dir.resolve("net-history.csv");
        List<EpochResult> dl4j = List.of(new EpochResult(1, 0.5, 0.8, 0.81, 12.5, 1000), new EpochResult(2, 0.4, 0.85, 0.86, 12.0, 1040));
        List<EpochResult> byHand = List.of(new EpochResult(1, 0.6, 0.79, 0.8, 9.5, 1500));
        TrainCommand.writeCsv(csv, List.of("DL4J", "by hand"), List.of(dl4j, byHand), "validation");
        Map<String, List<EpochResult>> read = TrainingHistory.read(csv);
        assertEquals(Map.of("DL4J", dl4j, "by hand", byHand), read);
        assertEquals(List.of(1000.0, 1040.0), TrainingHistory.imagesPerSecond(read, "DL4J"));

        Files.writeString(csv, Files.readString(csv).replace("by hand,1,0.600000", "by hand,1,oops"));
        IOException e = assertThrows(IOException.class, () -> TrainingHistory.read(csv));
        assertTrue(e.getMessage().contains(csv.toString()) && e.getMessage().contains("line 4")
                && e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void aMissingByHandNetworkIsNamed() {
        Path params = dir.resolve("simple-convnet-fashion-by-hand.params");
        IOException e = assertThrows(IOException.class, () -> SimpleConvNetRunsTable.byHandTestAccuracy(params, "fashion"));
        assertTrue(e.getMessage().contains(params.toString()) && e.getMessage().contains("is missing"), e.getMessage());
    }
}
