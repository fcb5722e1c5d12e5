package org.cnncourse.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an output folder, held by one process at a time: a second writer is
 * refused and told who holds it. The operating system releases the lock when its process
 * ends, even on kill -9, so a stale lock file never blocks anyone.
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file inside the folder; it stays there and records the last holder. */
    public static final String FILE = ".cnn-course.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Folders already locked by this JVM: a second lock from the same process is refused as well. */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Locks {@code dir} (created when missing) for {@code holder}, a description such as the
     * command line, or throws an IOException that names the folder and the process holding it.
     */
    public static FolderLock acquire(Path dir, String holder) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l = null;
        try {
            if (HELD.add(file)) {
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    HELD.remove(file);
                }
            }
            if (l == null) {
                String who = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new IOException(dir + " is in use by another run (" + (who.isEmpty() ? "unknown" : who)
                        + "): wait for it to finish, or choose another output folder");
            }
            String me = "pid " + ProcessHandle.current().pid() + ", since " + java.time.Instant.now() + ": " + holder;
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new FolderLock(file, ch, l);
        } catch (IOException | RuntimeException e) {
            if (l != null) {
                HELD.remove(file);
            }
            ch.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD.remove(file);
        }
    }
}
