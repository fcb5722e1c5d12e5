package org.cnncourse.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header (magic number, then one
 * 32-bit size per dimension) followed by unsigned bytes. Gzip files are recognised by their
 * first two bytes and decompressed while streaming. Everything is checked before anything is
 * returned: a truncated, foreign or inconsistent file is an {@link InvalidDatasetException}.
 */
public final class IdxFiles {
    /** 0x00 0x00, type 0x08 (unsigned byte), 3 dimensions: images, rows, columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** 0x00 0x00, type 0x08 (unsigned byte), 1 dimension: labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {
    }

    /** The image file's pixels and dimensions. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    public static Images readImages(Path file) throws InvalidDatasetException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = readHeaderInt(in, file, 0);
            if (magic != IMAGES_MAGIC) {
                throw new InvalidDatasetException(file, String.format(
                        "wrong magic number 0x%08X, expected 0x%08X (IDX images: unsigned bytes, 3 dimensions)%s",
                        magic, IMAGES_MAGIC, magic == LABELS_MAGIC ? "; this is a label file" : ""));
            }
            int count = readHeaderInt(in, file, 4), rows = readHeaderInt(in, file, 8), cols = readHeaderInt(in, file, 12);
            if (count <= 0 || rows <= 0 || cols <= 0) {
                throw new InvalidDatasetException(file, "header sizes " + count + " images of " + rows + "x" + cols
                        + " are not valid (each must be positive)");
            }
            long bytes = (long) count * rows * cols;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new InvalidDatasetException(file, "header sizes " + count + " images of " + rows + "x" + cols
                        + " need " + bytes + " bytes, more than this reader holds in memory");
            }
            byte[] pixels = readBody(in, file, (int) bytes,
                    String.format("%d images of %dx%d (%d bytes of pixels)", count, rows, cols, bytes));
            return new Images(count, rows, cols, pixels);
        } catch (InvalidDatasetException e) {
            throw e;
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Labels, each checked to lie in 0..numClasses-1. */
    public static byte[] readLabels(Path file, int numClasses) throws InvalidDatasetException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            int magic = readHeaderInt(in, file, 0);
            if (magic != LABELS_MAGIC) {
                throw new InvalidDatasetException(file, String.format(
                        "wrong magic number 0x%08X, expected 0x%08X (IDX labels: unsigned bytes, 1 dimension)%s",
                        magic, LABELS_MAGIC, magic == IMAGES_MAGIC ? "; this is an image file" : ""));
            }
            int count = readHeaderInt(in, file, 4);
            if (count <= 0) {
                throw new InvalidDatasetException(file, "header size " + count + " labels is not valid (must be positive)");
            }
            byte[] labels = readBody(in, file, count, count + " labels");
            for (int i = 0; i < count; i++) {
                int label = labels[i] & 0xFF;
                if (label >= numClasses) {
                    throw new InvalidDatasetException(file, "label " + label + " at index " + i + " is outside 0.."
                            + (numClasses - 1));
                }
            }
            return labels;
        } catch (InvalidDatasetException e) {
            throw e;
        } catch (IOException e) {
            throw wrap(file, e);
        }
    }

    /** Images and labels together; their counts must agree. */
    public static ByteImageSet read(String name, Path imagesFile, Path labelsFile, List<String> classNames)
            throws InvalidDatasetException {
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile, classNames.size());
        if (labels.length != images.count()) {
            throw new InvalidDatasetException("image and label counts differ: " + imagesFile + " has "
                    + images.count() + " images but " + labelsFile + " has " + labels.length + " labels");
        }
        return new ByteImageSet(name, images.count(), images.rows(), images.cols(), images.pixels(), labels, classNames);
    }

    /** The file as a stream, decompressed when it starts with the gzip signature 1f 8b. */
    static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidDatasetException(file, Files.exists(file) ? "is not a regular file" : "does not exist");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    private static int readHeaderInt(DataInputStream in, Path file, int offset) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new InvalidDatasetException(file, "truncated header: the file ends within the first "
                    + (offset + 4) + " bytes");
        }
    }

    /**
     * Reads the promised number of bytes. The buffer grows with the bytes actually read, so a
     * damaged header that promises gigabytes costs no more memory than the file holds.
     */
    private static byte[] readBody(DataInputStream in, Path file, int length, String promised) throws IOException {
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new InvalidDatasetException(file, "truncated: the header promises " + promised
                    + " but the data ends after " + body.length + " bytes");
        }
        if (in.read() >= 0) {
            throw new InvalidDatasetException(file, "the header promises " + promised
                    + " but the file has more bytes after them: the header sizes disagree with the file length");
        }
        return body;
    }

    private static InvalidDatasetException wrap(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InvalidDatasetException(file, "does not exist", e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new InvalidDatasetException(file, "is not a complete gzip stream (" + e.getMessage() + ")", e);
        }
        return new InvalidDatasetException(file, "cannot be read: " + e, e);
    }
}
