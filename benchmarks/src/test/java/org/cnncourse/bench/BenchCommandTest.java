package org.cnncourse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    @TempDir
    Path dir;

    static void dl4jSettingsBenchMeasuresEverySettingAgainstOutOfTheBox(Path json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode settings = root.get("settings");
        assertEquals(Dl4jConfigBench.settings(Runtime.getRuntime().availableProcessors()).size(), settings.size());
        assertEquals("out of the box", settings.get(0).get("setting").asText());
        assertEquals(1.0, settings.get(0).get("vsOutOfTheBox").asDouble(), 1e-9);
        // Out of the box is DL4J as M2.1 ships (layer helpers off); the project's configuration runs on oneDNN.
        assertEquals(false, settings.get(0).get("helpers").asBoolean());
        assertEquals(Dl4jConfigBench.PROJECT_DEFAULT, settings.get(settings.size() - 1).get("setting").asText());
        assertEquals(true, settings.get(settings.size() - 1).get("helpers").asBoolean());
        assertEquals(true, root.get("environment").get("oneDnnLayerHelpers").asBoolean());
        for (JsonNode s : settings) {
            assertTrue(s.get("median").asDouble() > 0, s.toString());
        }
        assertTrue(root.get("environment").get("cores").asInt() >= 1);
    }

    @Test
    void memoryChildReportsParametersAndAPeakResidentSetAboveTheHeap() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, new CommandLine(new BenchCommand()).execute("memory", "--child", "lenet5", "--batches", "1"));
        } finally {
            System.setOut(old);
        }
        String line = buf.toString().lines().filter(l -> l.startsWith("MEMORY ")).findFirst().orElseThrow();
        String[] f = line.split(" ");
        assertEquals("lenet5", f[1]);
        assertEquals(61_706, Long.parseLong(f[2]));
        assertTrue(Long.parseLong(f[5]) > Long.parseLong(f[3]), "resident set above the heap used: " + line);
    }

    static void scalingBenchWritesEveryPointAndTheChart(Path dir) throws Exception {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("scaling.json").toFile());
        assertEquals(2, root.get("points").size());
        for (JsonNode p : root.get("points")) {
            assertTrue(p.get("byHandImagesPerSecond").asDouble() > 0 && p.get("dl4jImagesPerSecond").asDouble() > 0, p.toString());
            assertEquals(28.0 * 28 * p.get("filters").asInt() * 16 * 9, p.get("macsPerImage").asDouble(), 1e-6);
        }
        assertTrue(root.get("nd4jGemmPeakGflops").asDouble() > 0 && root.get("byHandGemmPeakGflops").asDouble() > 0);
        assertTrue(java.nio.file.Files.size(dir.resolve("scaling.png")) > 1000);
    }

    @Test
    void benchWithoutASubcommandRunsTheMainBenchmarksAndWritesTheirFiles() throws Exception {
        assertEquals(0, new CommandLine(new BenchCommand()).execute("--quick", "--out", dir.toString()));
        JsonNode simple = new ObjectMapper().readTree(dir.resolve("simple-convnet.json").toFile());
        assertTrue(simple.get("DL4J training, project default (float32)").get("median").asDouble() > 0, simple.toString());
        assertTrue(simple.get("DL4J training, out of the box").get("median").asDouble() > 0, simple.toString());
        double byHand = simple.get("by hand training (double)").get("median").asDouble();
        double box = simple.get("DL4J training, out of the box").get("median").asDouble();
        assertEquals(byHand / box, simple.get("ratios").get("byHandOverDl4jOutOfTheBox").asDouble(), 0.001 * byHand / box);
        if (BookNumpy.available()) {
            double numpy = simple.get(BookNumpy.TRAINING).get("median").asDouble();
            assertTrue(numpy > 0, simple.toString());
            assertEquals(byHand / numpy, simple.get("ratios").get("byHandOverBookNumpy").asDouble(), 0.001 * byHand / numpy);
            String kernel = simple.get("bookNumpyBlas").asText();
            assertTrue(!kernel.isBlank() && !kernel.equals("not measured"), "numpy's BLAS kernel is recorded: " + kernel);
        } else {
            assertTrue(simple.get("ratios").get("byHandOverBookNumpy").isNull(), simple.toString());
        }
        dl4jSettingsBenchMeasuresEverySettingAgainstOutOfTheBox(dir.resolve("dl4j.json"));
        scalingBenchWritesEveryPointAndTheChart(dir);
    }
}
