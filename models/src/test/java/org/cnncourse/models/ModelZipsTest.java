package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelZipsTest {
    @TempDir
    Path dir;

    static ModelMetadata meta() {
        return new ModelMetadata("simple-convnet", "digits", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                List.of(1, 28, 28), 3, 7, 0.97, ModelZips.dl4jVersion(), null, ModelZips.now());
    }

    Path saved(MultiLayerNetwork net) throws Exception {
        Path zip = dir.resolve("net.zip");
        ModelZips.save(net, zip, meta(), false);
        return zip;
    }

    @Test
    void aLoadedZipPredictsExactlyWhatTheNetworkDidAndKeepsItsMetadata() throws Exception {
        MultiLayerNetwork net = SimpleConvNet.build(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 1, 28, 28);
        INDArray before = net.output(x);
        Path zip = saved(net);
        ModelZips.Loaded back = ModelZips.load(zip, false);
        assertEquals(before, back.network().output(x));
        assertEquals(net.params(), back.network().params());
        assertEquals(net.getLayerWiseConfigurations().toJson(), back.network().getLayerWiseConfigurations().toJson());
        ModelMetadata m = back.metadata();
        assertEquals("digits", m.dataset());
        assertEquals(0.97, m.testAccuracy());
        assertEquals(ModelZips.sha256(zip), m.sha256());
        assertEquals(64, m.sha256().length());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("net.json", "net.zip"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the zip, its metadata, and no temporary files");
        }
    }

    @Test
    void aComputationGraphRoundTripsToo() throws Exception {
        org.deeplearning4j.nn.graph.ComputationGraph g =
                new org.deeplearning4j.nn.graph.ComputationGraph(CompactArchitectures.resNetSmall(4));
        g.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        INDArray before = g.outputSingle(x);
        Path zip = dir.resolve("graph.zip");
        ModelZips.save(g, zip, meta(), false);
        ModelZips.Loaded back = ModelZips.load(zip, false);
        assertTrue(back.model() instanceof org.deeplearning4j.nn.graph.ComputationGraph);
        assertEquals(before, ((org.deeplearning4j.nn.graph.ComputationGraph) back.model()).outputSingle(x));
        assertThrows(IllegalStateException.class, back::network);
    }

    @Test
    void aTruncatedZipFailsTheChecksum() throws Exception {
        Path zip = saved(SimpleConvNet.build(1));
        byte[] b = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(b, b.length / 2));
        String m = assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
        assertTrue(m.startsWith(zip.toString()) && m.contains("differs from") && m.contains("damaged, truncated"), m);
    }

    @Test
    void aCorruptByteFailsTheChecksum() throws Exception {
        Path zip = saved(SimpleConvNet.build(1));
        byte[] b = Files.readAllBytes(zip);
        b[b.length / 2] ^= 0x5A;
        Files.write(zip, b);
        assertTrue(assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage()
                .contains("SHA-256"));
    }

    @Test
    void aForeignZipIsNamedAsSuch() throws Exception {
        Path zip = dir.resolve("photos.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("cat.jpg"));
            out.write(new byte[] {1, 2, 3});
        }
        Files.writeString(ModelZips.metadataPath(zip), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(meta().withChecksum(ModelZips.sha256(zip))));
        String m = assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
        assertTrue(m.contains("is a zip but not a DL4J model"), m);
    }

    @Test
    void notAZipAtAll() throws Exception {
        Path zip = dir.resolve("text.zip");
        Files.writeString(zip, "hello");
        Files.writeString(ModelZips.metadataPath(zip), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(meta().withChecksum(ModelZips.sha256(zip))));
        String m = assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
        assertTrue(m.contains("is not a readable zip file"), m);
    }

    @Test
    void missingMetadataOrZipIsNamed() throws Exception {
        Path zip = saved(SimpleConvNet.build(1));
        Files.delete(ModelZips.metadataPath(zip));
        assertTrue(assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage()
                .contains("its metadata file net.json is missing"));
        Path none = dir.resolve("none.zip");
        assertEquals(none + ": does not exist",
                assertThrows(InvalidModelException.class, () -> ModelZips.load(none, false)).getMessage());
    }

    @Test
    void aFailedSaveLeavesThePreviousZipIntactAndNoTemporaryFiles() throws Exception {
        Path zip = saved(SimpleConvNet.build(1));
        byte[] before = Files.readAllBytes(zip);
        boolean[] failNow = {false};
        MultiLayerNetwork failing = new MultiLayerNetwork(SimpleConvNet.configuration(28, 28, 1, 10, 2, DataType.FLOAT)) {
            @Override
            public INDArray params() {
                if (failNow[0]) {
                    throw new IllegalStateException("simulated failure half-way through writing");
                }
                return super.params();
            }
        };
        failing.init();
        failNow[0] = true;
        assertThrows(RuntimeException.class, () -> ModelZips.save(failing, zip, meta(), false));
        assertArrayEquals(before, Files.readAllBytes(zip));
        ModelZips.load(zip, false);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }
}
