package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmDigitsBadInputTest {
    @TempDir
    Path dir;

    static String image(String value) {
        return String.join(",", Collections.nCopies(784, value));
    }

    String rejected(String json) throws IOException {
        Path f = dir.resolve("3.json");
        Files.writeString(f, json);
        String m = assertThrows(InvalidDatasetException.class, () -> NpmDigits.readDigitFile(f)).getMessage();
        assertTrue(m.startsWith(f.toString()), m);
        return m;
    }

    @Test
    void aWellFormedFileReads() throws Exception {
        Path f = dir.resolve("0.json");
        Files.writeString(f, "{\"data\": [" + image("0.5") + "," + image("1") + "]}");
        float[] v = NpmDigits.readDigitFile(f);
        assertEquals(2 * 784, v.length);
        assertEquals(1f, v[784]);
    }

    @Test
    void notAnObject() throws Exception {
        assertTrue(rejected("[1, 2, 3]").contains("expected a JSON object {\"data\": [...]}, found an array"));
    }

    @Test
    void noDataArray() throws Exception {
        assertTrue(rejected("{\"pixels\": [0.1]}").contains("has no \"data\" array"));
    }

    @Test
    void dataIsNotAnArray() throws Exception {
        assertTrue(rejected("{\"data\": \"zeros\"}").contains("\"data\" must be an array of numbers, found the string \"zeros\""));
    }

    @Test
    void aValueIsNotANumber() throws Exception {
        String m = rejected("{\"data\": [0.1, \"x\"]}");
        assertTrue(m.contains("value 1 of \"data\" is the string \"x\", not a number"), m);
    }

    @Test
    void aValueOutsideZeroOne() throws Exception {
        String m = rejected("{\"data\": [" + image("0") + ",0.5,255" + "]}");
        assertTrue(m.contains("value 785 of \"data\" (image 1, pixel 1) is 255.0, outside [0, 1]"), m);
    }

    @Test
    void notAWholeNumberOfImages() throws Exception {
        String m = rejected("{\"data\": [" + image("0") + ",0.5]}");
        assertTrue(m.contains("\"data\" holds 785 values, not a whole number of 28x28 images"), m);
    }

    @Test
    void brokenJson() throws Exception {
        assertTrue(rejected("{\"data\": [0.1, 0.2").contains("is not valid JSON"));
    }

    @Test
    void oneBrokenFileMeansNoDatasetAtAll() throws Exception {
        for (int d = 0; d < 10; d++) {
            Files.writeString(dir.resolve(d + ".json"), "{\"data\": [" + image("0.25") + "]}");
        }
        assertEquals(10, NpmDigits.load(dir).train().size() + NpmDigits.load(dir).test().size());
        Files.writeString(dir.resolve("9.json"), "{\"data\": [0.5]}");
        String m = assertThrows(InvalidDatasetException.class, () -> NpmDigits.load(dir)).getMessage();
        assertTrue(m.startsWith(dir.resolve("9.json").toString()), m);
    }

    @Test
    void aMissingDigitFileIsNamed() throws Exception {
        String m = assertThrows(InvalidDatasetException.class, () -> NpmDigits.load(dir)).getMessage();
        assertEquals(dir.resolve("0.json") + ": does not exist", m);
    }
}
