package org.cnncourse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/results.md quotes bench runs whose JSON sits in docs/bench: an edited figure, or a new run not quoted, fails. */
class QuotedBenchFiguresTest {
    static final Path DOCS = Path.of("../docs");

    @Test
    void theNetworksTableIsTheCommittedRun() throws Exception {
        assertQuoted(NetworksBench.DOC_START, NetworksBench.DOC_END,
                NetworksBench.markdownTable(new ObjectMapper().readTree(DOCS.resolve("bench/networks.json").toFile())),
                "./cnn-course bench networks --json docs/bench/networks.json");
    }

    @Test
    void theMemoryTableIsTheCommittedRun() throws Exception {
        assertQuoted(MemoryBench.DOC_START, MemoryBench.DOC_END,
                MemoryBench.markdownTable(new ObjectMapper().readTree(DOCS.resolve("bench/memory.json").toFile())),
                "./cnn-course bench memory --json docs/bench/memory.json");
    }

    @Test
    void theSimpleConvNetTableIsTheCommittedRun() throws Exception {
        assertQuoted(BenchCommand.SimpleConvNetBench.DOC_START, BenchCommand.SimpleConvNetBench.DOC_END,
                BenchCommand.SimpleConvNetBench.markdownTable(new ObjectMapper().readTree(DOCS.resolve("bench/simple-convnet.json").toFile())),
                "./cnn-course bench simple-convnet --json docs/bench/simple-convnet.json");
    }

    @Test
    void theDl4jSettingsTableIsTheCommittedRun() throws Exception {
        assertQuoted(Dl4jConfigBench.DOC_START, Dl4jConfigBench.DOC_END,
                Dl4jConfigBench.markdownTable(new ObjectMapper().readTree(DOCS.resolve("bench/dl4j.json").toFile())),
                "./cnn-course bench dl4j --json docs/bench/dl4j.json");
    }

    private static void assertQuoted(String startMarker, String endMarker, String fromRun, String command) throws Exception {
        String doc = Files.readString(DOCS.resolve("results.md"));
        int start = doc.indexOf(startMarker), end = doc.indexOf(endMarker);
        assertTrue(start >= 0 && end > start, "docs/results.md has no " + startMarker + " table");
        assertEquals(fromRun.strip(), doc.substring(start + startMarker.length(), end).strip(),
                "docs/results.md's table differs from the committed run: run " + command + " and paste the table it prints");
    }
}
