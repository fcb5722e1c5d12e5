package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's peak resident memory. ND4J keeps its arrays in native memory that neither the
 * JVM nor JavaCPP counts, so the kernel's figure is the one that holds all of it.
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmHWM of /proc/self/status in bytes, or -1 where there is no /proc (not Linux). */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The same in MiB, or null where it cannot be read. */
    public static Integer peakResidentMiB() {
        long bytes = peakResidentBytes();
        return bytes < 0 ? null : (int) Math.ceil(bytes / (1024.0 * 1024.0));
    }
}
