package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset folder the user names is used as it is, or refused with what it lacks; never silently replaced. */
class NamedDatasetFolderTest {
    @TempDir
    Path dir;

    @Test
    void anIncompleteFashionFolderListsTheMissingFiles() throws Exception {
        Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "");
        Files.writeString(dir.resolve("t10k-labels.idx1-ubyte"), "");
        String m = assertThrows(DatasetNotFoundException.class, () -> DataLocations.namedFashionDir(dir)).getMessage();
        assertTrue(m.startsWith(DataLocations.FASHION_ENV + " names " + dir + ", which lacks train-labels-idx1-ubyte[.gz],"
                + " t10k-images-idx3-ubyte[.gz]:"), m);
        Files.writeString(dir.resolve("train-labels-idx1-ubyte"), "");
        Files.writeString(dir.resolve("t10k-images-idx3-ubyte"), "");
        assertEquals(dir, DataLocations.namedFashionDir(dir));
    }

    @Test
    void anIncompleteDigitsFolderListsTheMissingFiles() throws Exception {
        for (int d = 0; d <= 9; d++) {
            if (d != 4 && d != 7) {
                Files.writeString(dir.resolve(d + ".json"), "[]");
            }
        }
        String m = assertThrows(DatasetNotFoundException.class, () -> DataLocations.namedDigitsDir(dir)).getMessage();
        assertTrue(m.startsWith(DataLocations.DIGITS_ENV + " names " + dir + ", which lacks 4.json, 7.json:"), m);
        Path notAFolder = Files.writeString(dir.resolve("file"), "");
        assertTrue(assertThrows(DatasetNotFoundException.class, () -> DataLocations.namedFashionDir(notAFolder))
                .getMessage().endsWith("which is not a folder"));
    }
}
