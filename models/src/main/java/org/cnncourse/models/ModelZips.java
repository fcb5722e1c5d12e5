package org.cnncourse.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cnncourse.data.AtomicFiles;
import org.cnncourse.data.CourseDatasets;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J model zips that carry their own metadata: the entry {@value #METADATA_ENTRY} inside the
 * zip, so a zip and its description land in one atomic rename and can never be mismatched. A
 * readable copy is written beside the zip ({@code name.json}); loading never reads it. Loading
 * checks the metadata's fields, the SHA-256 of the model entries, and that the network is the
 * architecture, input shape and class count the metadata says, and names what failed.
 */
public final class ModelZips {
    /** The zip entry holding the metadata. */
    public static final String METADATA_ENTRY = "cnn-course-metadata.json";
    /** Missing fields read as null, and {@link ModelMetadata#problem} names the first that must not be. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** Parameter counts of freshly built course networks, by architecture name. */
    private static final Map<String, Long> PARAMETER_COUNTS = new ConcurrentHashMap<>();

    private ModelZips() {
    }

    /** A loaded network (MultiLayerNetwork or ComputationGraph) and its metadata. */
    public record Loaded(Model model, ModelMetadata metadata) {
        /** The network when it is a MultiLayerNetwork (every SimpleConvNet and LeNet-5 zip). */
        public MultiLayerNetwork network() {
            if (model instanceof MultiLayerNetwork m) {
                return m;
            }
            throw new IllegalStateException(metadata.architecture() + " is a ComputationGraph; use model()");
        }
    }

    /** The readable copy of a zip's metadata: {@code x.zip} -> {@code x.json}. */
    public static Path metadataPath(Path zip) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return zip.resolveSibling(stem + ".json");
    }

    /**
     * Saves {@code net} (with the updater state when {@code withUpdater}: for checkpoints; shipped
     * models leave it out) with its metadata inside; the checksum is filled in here. The zip is
     * complete or absent: it is written to a temporary file in the same folder and renamed.
     */
    public static ModelMetadata save(Model net, Path zip, ModelMetadata metadata, boolean withUpdater)
            throws IOException {
        ModelMetadata[] complete = {null};
        AtomicFiles.write(zip, tmp -> {
            ModelSerializer.writeModel(net, tmp.toFile(), withUpdater);
            complete[0] = metadata.withChecksum(modelEntriesSha256(tmp));
            try (FileSystem fs = FileSystems.newFileSystem(tmp, Map.<String, Object>of())) {
                Files.write(fs.getPath(METADATA_ENTRY), JSON.writeValueAsBytes(complete[0]));
            }
        });
        AtomicFiles.write(metadataPath(zip), tmp -> JSON.writeValue(tmp.toFile(), complete[0]));
        return complete[0];
    }

    /** The metadata inside a zip, with its fields checked (the network is not read). */
    public static ModelMetadata readMetadata(Path zip) throws InvalidModelException {
        return reading(zip, z -> metadataOf(zip, z));
    }

    /** What one pass over a zip's entries tells. */
    private interface ZipReader<T> {
        T read(ZipFile z) throws IOException;
    }

    /** Opens {@code zip} once for {@code reader}; a missing file or one that is not a zip is named as such. */
    private static <T> T reading(Path zip, ZipReader<T> reader) throws InvalidModelException {
        if (!Files.isRegularFile(zip)) {
            throw new InvalidModelException(zip, "does not exist");
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return reader.read(z);
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidModelException(zip, "is not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    private static ModelMetadata metadataOf(Path zip, ZipFile z) throws IOException {
        if (z.getEntry("configuration.json") == null || z.getEntry("coefficients.bin") == null) {
            throw new InvalidModelException(zip, "is a zip but not a DL4J model (no configuration.json and coefficients.bin)");
        }
        ZipEntry entry = z.getEntry(METADATA_ENTRY);
        if (entry == null) {
            throw new InvalidModelException(zip, "holds no " + METADATA_ENTRY + ": it was not saved by cnn-course"
                    + " (or by a version that kept the metadata only beside the zip); save it again with cnn-course");
        }
        ModelMetadata meta;
        try (InputStream in = z.getInputStream(entry)) {
            meta = JSON.readValue(in, ModelMetadata.class);
        } catch (JacksonException e) {
            throw new InvalidModelException(zip, "its metadata (" + METADATA_ENTRY + ") is not valid: " + e.getOriginalMessage(), e);
        }
        String problem = meta == null ? "it is empty (null)" : meta.problem();
        if (problem != null) {
            throw new InvalidModelException(zip, "its metadata (" + METADATA_ENTRY + ") is not valid: " + problem);
        }
        return meta;
    }

    /** The metadata of a zip whose model entries match its checksum, and whether the model is a ComputationGraph. */
    private record Checked(ModelMetadata metadata, boolean graph) {
    }

    /** Loads a zip and checks that it is what its metadata says. */
    public static Loaded load(Path zip, boolean withUpdater) throws InvalidModelException {
        Checked checked = reading(zip, z -> {
            ModelMetadata meta = metadataOf(zip, z);
            String actual;
            boolean graph;
            try {
                actual = modelEntriesSha256(z);
                graph = isComputationGraph(z);
            } catch (IOException e) {
                throw new InvalidModelException(zip, "is damaged: its entries cannot be read (" + e.getMessage() + ")", e);
            }
            if (!actual.equalsIgnoreCase(meta.sha256())) {
                throw new InvalidModelException(zip, "is damaged: the SHA-256 of its model entries, " + actual
                        + ", differs from " + meta.sha256() + " recorded in its metadata");
            }
            return new Checked(meta, graph);
        });
        ModelMetadata meta = checked.metadata();
        boolean graph = checked.graph();
        Model net;
        try {
            net = graph ? ModelSerializer.restoreComputationGraph(zip.toFile(), withUpdater)
                    : ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), withUpdater);
        } catch (Exception e) {
            throw new InvalidModelException(zip, "DL4J could not restore a " + kind(graph) + " from it: " + e.getMessage(), e);
        }
        checkDescribes(zip, net, meta);
        return new Loaded(net, meta);
    }

    /** The metadata must name the network's architecture, its input shape, its classes and a dataset with those classes. */
    static void checkDescribes(Path zip, Model net, ModelMetadata meta) throws InvalidModelException {
        CourseNetworks.Network arch;
        try {
            arch = CourseNetworks.get(meta.architecture());
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(zip, "its metadata names architecture '" + meta.architecture()
                    + "', which is not a course network (" + String.join(", ", CourseNetworks.ALL.keySet()) + ")");
        }
        if (arch.graph() != Networks.isGraph(net)) {
            throw new InvalidModelException(zip, "its metadata says " + arch.name() + ", a " + kind(arch.graph())
                    + ", but the zip holds a " + kind(!arch.graph()));
        }
        long expected = PARAMETER_COUNTS.computeIfAbsent(arch.name(), n -> arch.build().apply(1).numParams());
        if (net.numParams() != expected) {
            throw new InvalidModelException(zip, String.format(java.util.Locale.ROOT,
                    "its metadata says %s (%,d parameters), but the network in it has %,d parameters", arch.name(),
                    expected, net.numParams()));
        }
        List<Integer> shape = meta.inputShape();
        List<Integer> wanted = List.of(1, arch.side(), arch.side());
        if (!shape.equals(wanted)) {
            throw new InvalidModelException(zip, "its metadata gives input shape " + shape + ", but " + arch.name()
                    + " takes " + wanted);
        }
        List<String> datasetClasses = CourseDatasets.classNamesOf(meta.dataset());
        if (!meta.classNames().equals(datasetClasses)) {
            throw new InvalidModelException(zip, "its metadata says dataset '" + meta.dataset() + "' with classes "
                    + meta.classNames() + ", but that dataset's classes are " + datasetClasses);
        }
        INDArray zeros = Nd4j.zeros(net.params().dataType(), 1, shape.get(0), shape.get(1), shape.get(2));
        long outputs = Networks.output(net, zeros).size(1);
        if (outputs != meta.classNames().size()) {
            throw new InvalidModelException(zip, "the network has " + outputs + " outputs, but its metadata lists "
                    + meta.classNames().size() + " classes");
        }
    }

    private static String kind(boolean graph) {
        return graph ? "ComputationGraph" : "MultiLayerNetwork";
    }

    /** A DL4J zip holds configuration.json and coefficients.bin; a graph's configuration lists vertices. */
    static boolean isComputationGraph(ZipFile z) throws IOException {
        try (InputStream in = z.getInputStream(z.getEntry("configuration.json"))) {
            String conf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return conf.contains("\"vertices\"") && !conf.contains("\"confs\"");
        }
    }

    /** SHA-256 over the name and bytes of every entry but the metadata, in name order: what DL4J wrote. */
    static String modelEntriesSha256(Path zip) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            return modelEntriesSha256(z);
        }
    }

    private static String modelEntriesSha256(ZipFile z) throws IOException {
        MessageDigest md = sha256Digest();
        List<String> names = new ArrayList<>();
        Collections.list(z.entries()).forEach(e -> names.add(e.getName()));
        Collections.sort(names);
        for (String name : names) {
            if (name.equals(METADATA_ENTRY)) {
                continue;
            }
            md.update(name.getBytes(StandardCharsets.UTF_8));
            try (InputStream in = z.getInputStream(z.getEntry(name))) {
                digest(in, md);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void digest(InputStream in, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The DL4J version on the classpath, from its jar's manifest. */
    public static String dl4jVersion() {
        String v = MultiLayerNetwork.class.getPackage().getImplementationVersion();
        return v != null ? v : "1.0.0-M2.1";
    }

    public static String now() {
        return Instant.now().toString();
    }
}
