package org.cnncourse.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * DL4J model zips with a metadata JSON beside each ({@code name.zip} and {@code name.json}).
 * Written atomically: each file goes to a temporary file in the same folder and is renamed,
 * so an interrupted save never leaves a half-written zip. Loading checks the metadata, the
 * SHA-256 and that the zip is a DL4J MultiLayerNetwork, and says which check failed.
 */
public final class ModelZips {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

    /** The metadata file of a zip: {@code x.zip} -> {@code x.json}. */
    public static Path metadataPath(Path zip) {
        String name = zip.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return zip.resolveSibling(stem + ".json");
    }

    /**
     * Saves {@code net} (with the updater state when {@code withUpdater}: for checkpoints; shipped
     * models leave it out) and its metadata; the checksum is filled in here.
     */
    public static ModelMetadata save(Model net, Path zip, ModelMetadata metadata, boolean withUpdater)
            throws IOException {
        Path dir = zip.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmpZip = Files.createTempFile(dir, ".model-", ".zip.tmp");
        Path tmpJson = Files.createTempFile(dir, ".model-", ".json.tmp");
        try {
            ModelSerializer.writeModel(net, tmpZip.toFile(), withUpdater);
            ModelMetadata complete = metadata.withChecksum(sha256(tmpZip));
            JSON.writeValue(tmpJson.toFile(), complete);
            Files.move(tmpZip, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpJson, metadataPath(zip), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return complete;
        } finally {
            Files.deleteIfExists(tmpZip);
            Files.deleteIfExists(tmpJson);
        }
    }

    public static ModelMetadata readMetadata(Path zip) throws InvalidModelException {
        Path meta = metadataPath(zip);
        if (!Files.isRegularFile(meta)) {
            throw new InvalidModelException(zip, "its metadata file " + meta.getFileName() + " is missing");
        }
        try {
            return JSON.readValue(meta.toFile(), ModelMetadata.class);
        } catch (IOException e) {
            throw new InvalidModelException(meta, "is not valid model metadata: " + e.getMessage(), e);
        }
    }

    public static Loaded load(Path zip, boolean withUpdater) throws InvalidModelException {
        if (!Files.isRegularFile(zip)) {
            throw new InvalidModelException(zip, "does not exist");
        }
        ModelMetadata meta = readMetadata(zip);
        String actual;
        try {
            actual = sha256(zip);
        } catch (IOException e) {
            throw new InvalidModelException(zip, "cannot be read: " + e, e);
        }
        if (!actual.equalsIgnoreCase(meta.sha256())) {
            throw new InvalidModelException(zip, "SHA-256 " + actual + " differs from " + meta.sha256()
                    + " recorded in " + metadataPath(zip).getFileName() + ": the zip is damaged, truncated or was replaced");
        }
        boolean graph = isComputationGraph(zip);
        try {
            Model net = graph ? ModelSerializer.restoreComputationGraph(zip.toFile(), withUpdater)
                    : ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), withUpdater);
            return new Loaded(net, meta);
        } catch (Exception e) {
            throw new InvalidModelException(zip, "DL4J could not restore a " + (graph ? "ComputationGraph" : "MultiLayerNetwork")
                    + " from it: " + e.getMessage(), e);
        }
    }

    /** A DL4J zip holds configuration.json and coefficients.bin; a graph's configuration lists vertices. */
    static boolean isComputationGraph(Path zip) throws InvalidModelException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            if (z.getEntry("configuration.json") == null || z.getEntry("coefficients.bin") == null) {
                throw new InvalidModelException(zip, "is a zip but not a DL4J model (no configuration.json and coefficients.bin)");
            }
            try (InputStream in = z.getInputStream(z.getEntry("configuration.json"))) {
                String conf = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return conf.contains("\"vertices\"") && !conf.contains("\"confs\"");
            }
        } catch (InvalidModelException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidModelException(zip, "is not a readable zip file (" + e.getMessage() + ")", e);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
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
