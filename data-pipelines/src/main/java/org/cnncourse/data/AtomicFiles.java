package org.cnncourse.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary file in the same folder and an atomic rename, so an
 * interrupted write never leaves half a file and never damages the previous one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** The temporary files are named {@code .TARGET-RANDOM.tmp}. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    /**
     * Deletes the temporary files a killed writer left in {@code dir} (a kill -9 skips the
     * clean-up); call it only while holding the folder's {@link FolderLock}, so no live write is
     * touched. Returns how many were removed.
     */
    public static int removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX) && Files.isRegularFile(p)) {
                    Files.delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + "-", TEMPORARY_SUFFIX);
        try {
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
