package org.cnncourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {
    @TempDir
    Path dir;

    /** Holds the lock of the folder in args[0] until its standard input closes: a second process for the test. */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            try (FolderLock lock = FolderLock.acquire(Path.of(args[0]), "train in another process")) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Wait for the test to close our input.
                }
            }
        }
    }

    Process holder() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
    }

    @Test
    void aSecondProcessIsRefusedAndToldWhoHoldsTheFolderUntilItEnds() throws Exception {
        Process other = holder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream()));
            assertEquals("locked", out.readLine());
            String m = assertThrows(IOException.class, () -> FolderLock.acquire(dir, "train here")).getMessage();
            assertTrue(m.startsWith(dir + " is in use by another run (pid " + other.pid() + ", since ")
                    && m.contains("train in another process"), m);
        } finally {
            other.destroyForcibly();
            other.waitFor(20, TimeUnit.SECONDS);
        }
        // kill -9 releases the lock with the process: the folder is free again.
        try (FolderLock mine = FolderLock.acquire(dir, "train here")) {
            assertTrue(Files.readString(dir.resolve(FolderLock.FILE)).contains("train here"));
        }
    }

    @Test
    void theSameProcessCannotLockTwiceAndCanLockAgainAfterClosing() throws Exception {
        try (FolderLock first = FolderLock.acquire(dir, "first")) {
            assertTrue(assertThrows(IOException.class, () -> FolderLock.acquire(dir, "second")).getMessage().contains("first"));
        }
        FolderLock.acquire(dir, "third").close();
    }

    @Test
    void leftoversOfKilledWritesAreRemovedAndNothingElse() throws Exception {
        Path leftover = Files.writeString(dir.resolve(".model.zip-123456.tmp"), "half");
        Path kept = Files.writeString(dir.resolve("model.zip"), "whole");
        Path visibleTmp = Files.writeString(dir.resolve("notes.tmp"), "the user's");
        assertEquals(1, AtomicFiles.removeLeftovers(dir));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(kept) && Files.exists(visibleTmp), "only hidden .tmp files of an atomic write are removed");
    }
}
