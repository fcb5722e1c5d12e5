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
        MultiLayerNetwork net = Dl4jSimpleConvNet.build(3);
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
        assertEquals(ModelZips.modelEntriesSha256(zip), m.sha256());
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
        ModelZips.save(g, zip, withArchitecture(meta(), "resnet-small"), false);
        ModelZips.Loaded back = ModelZips.load(zip, false);
        assertTrue(back.model() instanceof org.deeplearning4j.nn.graph.ComputationGraph);
        assertEquals(before, ((org.deeplearning4j.nn.graph.ComputationGraph) back.model()).outputSingle(x));
        assertThrows(IllegalStateException.class, back::network);
    }

    static ModelMetadata withArchitecture(ModelMetadata m, String architecture) {
        return new ModelMetadata(architecture, m.dataset(), m.classNames(), m.inputShape(), m.epochs(), m.seed(),
                m.testAccuracy(), m.dl4jVersion(), m.sha256(), m.createdAt());
    }

    /** A DL4J zip of {@code net} whose metadata entry holds {@code metadataJson} exactly. */
    Path craftedZip(org.deeplearning4j.nn.api.Model net, String metadataJson) throws Exception {
        Path zip = dir.resolve("crafted.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(net, zip.toFile(), false);
        if (metadataJson != null) {
            try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.<String, Object>of())) {
                Files.writeString(fs.getPath(ModelZips.METADATA_ENTRY), metadataJson);
            }
        }
        return zip;
    }

    String refusal(Path zip) {
        return assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
    }

    @Test
    void aTruncatedZipIsNamedAsDamaged() throws Exception {
        Path zip = saved(Dl4jSimpleConvNet.build(1));
        byte[] b = Files.readAllBytes(zip);
        Files.write(zip, java.util.Arrays.copyOf(b, b.length / 2));
        String m = refusal(zip);
        assertTrue(m.startsWith(zip.toString()) && m.contains("is not a readable zip file"), m);
    }

    @Test
    void aCorruptByteFailsTheChecksum() throws Exception {
        Path zip = saved(Dl4jSimpleConvNet.build(1));
        byte[] b = Files.readAllBytes(zip);
        // A byte inside coefficients.bin, the largest entry: the zip still opens, its content is wrong.
        b[b.length / 3] ^= 0x5A;
        Files.write(zip, b);
        String m = refusal(zip);
        assertTrue(m.startsWith(zip.toString()) && m.contains("is damaged"), m);
    }

    @Test
    void theMetadataTravelsInsideTheZipAndTheCopyBesideItIsNeverRead() throws Exception {
        Path zip = saved(Dl4jSimpleConvNet.build(1));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            String inside = new String(z.getInputStream(z.getEntry(ModelZips.METADATA_ENTRY)).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(inside, Files.readString(ModelZips.metadataPath(zip)));
        }
        // A copy beside it that describes another model (a second run's, a hand edit) changes nothing.
        Files.writeString(ModelZips.metadataPath(zip), "{\"architecture\":\"vgg-small\"}");
        assertEquals("simple-convnet", ModelZips.load(zip, false).metadata().architecture());
        Files.delete(ModelZips.metadataPath(zip));
        assertEquals(0.97, ModelZips.load(zip, false).metadata().testAccuracy());
    }

    @Test
    void aZipWhoseMetadataNamesAnotherArchitectureIsRefused() throws Exception {
        MultiLayerNetwork vgg = new MultiLayerNetwork(CompactArchitectures.vggSmall(1));
        vgg.init();
        Path zip = dir.resolve("vgg.zip");
        ModelZips.save(vgg, zip, meta(), false);
        String m = refusal(zip);
        assertTrue(m.contains("its metadata says simple-convnet (") && m.contains("but the network in it has "
                + String.format(java.util.Locale.ROOT, "%,d", vgg.numParams()) + " parameters"), m);
        ModelZips.save(vgg, zip, withArchitecture(meta(), "resnet-small"), false);
        assertTrue(refusal(zip).contains("a ComputationGraph, but the zip holds a MultiLayerNetwork"));
        ModelZips.save(vgg, zip, withArchitecture(meta(), "googlenet-huge"), false);
        assertTrue(refusal(zip).contains("names architecture 'googlenet-huge', which is not a course network"));
    }

    @Test
    void aZipWhoseMetadataNamesAnotherDatasetOrShapeIsRefused() throws Exception {
        ModelMetadata m = meta();
        Path zip = dir.resolve("net.zip");
        ModelZips.save(Dl4jSimpleConvNet.build(1), zip, new ModelMetadata(m.architecture(), "digits",
                org.cnncourse.data.CourseDatasets.FASHION_CLASSES, m.inputShape(), 3, 7, 0.9, m.dl4jVersion(), null, m.createdAt()), false);
        assertTrue(refusal(zip).contains("its metadata says dataset 'digits' with classes [T-shirt/top"), refusal(zip));
        ModelZips.save(Dl4jSimpleConvNet.build(1), zip, new ModelMetadata(m.architecture(), "fashion",
                org.cnncourse.data.CourseDatasets.FASHION_CLASSES, List.of(1, 32, 32), 3, 7, 0.9, m.dl4jVersion(), null,
                m.createdAt()), false);
        assertTrue(refusal(zip).contains("gives input shape [1, 32, 32], but simple-convnet takes [1, 28, 28]"), refusal(zip));
    }

    @Test
    void malformedMetadataIsACleanErrorThatNamesTheField() throws Exception {
        MultiLayerNetwork net = Dl4jSimpleConvNet.build(1);
        assertTrue(refusal(craftedZip(net, "null")).contains("is not valid: it is empty (null)"));
        assertTrue(refusal(craftedZip(net, "[1, 2]")).contains("(" + ModelZips.METADATA_ENTRY + ") is not valid"));
        String noClasses = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(meta().withChecksum("0".repeat(64)))
                .replaceFirst("\"classNames\":\\[[^]]*\\],", "");
        String m = refusal(craftedZip(net, noClasses));
        assertTrue(m.contains("is not valid") && m.contains("classNames"), m);
        String nullShape = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(meta().withChecksum("0".repeat(64)))
                .replaceFirst("\"inputShape\":\\[[^]]*\\]", "\"inputShape\":[1,28]");
        assertTrue(refusal(craftedZip(net, nullShape)).contains("'inputShape' must be [channels, height, width]"));
        assertTrue(refusal(craftedZip(net, null)).contains("holds no " + ModelZips.METADATA_ENTRY));
    }

    @Test
    void aForeignZipIsNamedAsSuch() throws Exception {
        Path zip = dir.resolve("photos.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("cat.jpg"));
            out.write(new byte[] {1, 2, 3});
        }
        String m = assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
        assertTrue(m.contains("is a zip but not a DL4J model"), m);
    }

    @Test
    void notAZipAtAll() throws Exception {
        Path zip = dir.resolve("text.zip");
        Files.writeString(zip, "hello");
        String m = assertThrows(InvalidModelException.class, () -> ModelZips.load(zip, false)).getMessage();
        assertTrue(m.contains("is not a readable zip file"), m);
    }

    @Test
    void aMissingZipIsNamed() throws Exception {
        Path none = dir.resolve("none.zip");
        assertEquals(none + ": does not exist",
                assertThrows(InvalidModelException.class, () -> ModelZips.load(none, false)).getMessage());
    }

    @Test
    void aFailedSaveLeavesThePreviousZipIntactAndNoTemporaryFiles() throws Exception {
        Path zip = saved(Dl4jSimpleConvNet.build(1));
        byte[] before = Files.readAllBytes(zip);
        boolean[] failNow = {false};
        MultiLayerNetwork failing = new MultiLayerNetwork(Dl4jSimpleConvNet.configuration(28, 28, 1, 10, 2, DataType.FLOAT)) {
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
