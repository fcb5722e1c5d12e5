package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken IDX files, built here, each rejected with a message naming the file and the problem. */
class IdxBadInputTest {
    static final List<String> TEN = CourseDatasets.DIGIT_CLASSES;

    @TempDir
    Path dir;

    static byte[] images(int count, int rows, int cols, int pixelBytes, int magic) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < pixelBytes; i++) {
            out.writeByte(i * 7);
        }
        return b.toByteArray();
    }

    static byte[] labels(int... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(IdxFiles.LABELS_MAGIC);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return b.toByteArray();
    }

    Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    Path writeGz(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(bytes);
        }
        return p;
    }

    InvalidDatasetException rejected(Path images, Path labels) {
        return assertThrows(InvalidDatasetException.class, () -> IdxFiles.read("t", images, labels, TEN));
    }

    @Test
    void aGoodPairReadsBackExactly() throws Exception {
        Path img = writeGz("img.gz", images(3, 2, 2, 12, IdxFiles.IMAGES_MAGIC));
        Path lab = write("lab", labels(1, 9, 0));
        ByteImageSet set = IdxFiles.read("t", img, lab, TEN);
        assertEquals(3, set.size());
        assertEquals(9, set.label(1));
        assertEquals((4 * 7) & 0xFF, set.pixel(1, 0, 0));
    }

    @Test
    void truncatedPixels() throws Exception {
        Path img = write("img", images(3, 2, 2, 11, IdxFiles.IMAGES_MAGIC));
        String m = rejected(img, write("lab", labels(1, 2, 3))).getMessage();
        assertTrue(m.startsWith(img.toString()), m);
        assertTrue(m.contains("truncated: the header promises 3 images of 2x2 (12 bytes of pixels) but the data ends after 11 bytes"), m);
    }

    @Test
    void truncatedGzipStream() throws Exception {
        byte[] gz;
        Path whole = writeGz("whole.gz", images(50, 10, 10, 5000, IdxFiles.IMAGES_MAGIC));
        gz = Files.readAllBytes(whole);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        String m = rejected(cut, write("lab", labels(1))).getMessage();
        assertTrue(m.startsWith(cut.toString()), m);
        assertTrue(m.contains("gzip") || m.contains("truncated"), m);
    }

    @Test
    void truncatedHeader() throws Exception {
        Path img = write("img", Arrays.copyOf(images(1, 2, 2, 4, IdxFiles.IMAGES_MAGIC), 10));
        String m = rejected(img, write("lab", labels(1))).getMessage();
        assertTrue(m.contains("truncated header"), m);
    }

    @Test
    void wrongMagicNumberSaysWhatTheFileLooksLike() throws Exception {
        Path lab = write("lab", labels(1, 2));
        String m = assertThrows(InvalidDatasetException.class, () -> IdxFiles.readImages(lab)).getMessage();
        assertTrue(m.contains("wrong magic number 0x00000801, expected 0x00000803"), m);
        assertTrue(m.contains("this is a label file"), m);
        Path junk = write("junk", "hello, this is not IDX".getBytes());
        m = assertThrows(InvalidDatasetException.class, () -> IdxFiles.readLabels(junk, 10)).getMessage();
        assertTrue(m.startsWith(junk.toString()) && m.contains("wrong magic number"), m);
    }

    @Test
    void headerSizesThatDisagreeWithTheFileLength() throws Exception {
        Path img = write("img", images(2, 2, 2, 9, IdxFiles.IMAGES_MAGIC));
        String m = rejected(img, write("lab", labels(1, 2))).getMessage();
        assertTrue(m.contains("the header sizes disagree with the file length"), m);
    }

    @Test
    void nonPositiveHeaderSizes() throws Exception {
        Path img = write("img", images(2, 0, 2, 0, IdxFiles.IMAGES_MAGIC));
        String m = rejected(img, write("lab", labels(1, 2))).getMessage();
        assertTrue(m.contains("header sizes 2 images of 0x2 are not valid"), m);
    }

    @Test
    void imageAndLabelCountsDiffer() throws Exception {
        Path img = write("img", images(3, 2, 2, 12, IdxFiles.IMAGES_MAGIC));
        Path lab = write("lab", labels(1, 2));
        String m = rejected(img, lab).getMessage();
        assertTrue(m.contains("image and label counts differ"), m);
        assertTrue(m.contains(img + " has 3 images") && m.contains(lab + " has 2 labels"), m);
    }

    @Test
    void labelOutOfRange() throws Exception {
        Path lab = write("lab", labels(1, 12, 3));
        String m = rejected(write("img", images(3, 2, 2, 12, IdxFiles.IMAGES_MAGIC)), lab).getMessage();
        assertTrue(m.startsWith(lab.toString()), m);
        assertTrue(m.contains("label 12 at index 1 is outside 0..9"), m);
    }

    @Test
    void missingFile() {
        Path nowhere = dir.resolve("nope-idx3-ubyte");
        String m = assertThrows(InvalidDatasetException.class, () -> IdxFiles.readImages(nowhere)).getMessage();
        assertEquals(nowhere + ": does not exist", m);
    }

    @Test
    void aUserDirectoryWithUngzippedAndDottedNamesWorks() throws Exception {
        write("train-images.idx3-ubyte", images(2, 2, 2, 8, IdxFiles.IMAGES_MAGIC));
        write("train-labels.idx1-ubyte", labels(4, 5));
        writeGz("t10k-images-idx3-ubyte.gz", images(1, 2, 2, 4, IdxFiles.IMAGES_MAGIC));
        writeGz("t10k-labels-idx1-ubyte.gz", labels(6));
        assertTrue(IdxDirectory.looksComplete(dir));
        assertEquals(2, CourseDatasets.idxDirectory(dir, CourseDatasets.Split.TRAIN).size());
        assertEquals(6, CourseDatasets.idxDirectory(dir, CourseDatasets.Split.TEST).label(0));
    }

    @Test
    void aSixteenByteHeaderThatPromisesTwoGigabytesCostsNoMoreThanTheFile() throws Exception {
        // 2,739,000 images of 28x28 = 2,147,376,000 bytes promised: with the test JVM's 2 GB heap, reserving that
        // much up front fails with an OutOfMemoryError; reading as the bytes arrive finds the truncation.
        Path p = write("huge-idx3-ubyte", images(2_739_000, 28, 28, 100, IdxFiles.IMAGES_MAGIC));
        String m = assertThrows(InvalidDatasetException.class, () -> IdxFiles.readImages(p)).getMessage();
        assertTrue(m.startsWith(p.toString()) && m.contains("truncated") && m.contains("ends after 100 bytes"), m);
    }
}
