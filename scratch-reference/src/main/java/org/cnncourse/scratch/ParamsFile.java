package org.cnncourse.scratch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named parameters in a small binary file (the book's pickle, in Java): "CNNPARAM", a version,
 * the count, then per tensor its name, shape and values. Written to a temporary file and
 * renamed, so an interrupted save never leaves half a file.
 */
public final class ParamsFile {
    private static final long MAGIC = 0x434E4E504152414DL; // "CNNPARAM"
    private static final int VERSION = 1;

    private ParamsFile() {
    }

    public static void write(Path file, Map<String, Tensor> params) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeLong(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(params.size());
                for (Map.Entry<String, Tensor> e : params.entrySet()) {
                    out.writeUTF(e.getKey());
                    int[] shape = e.getValue().shape();
                    out.writeInt(shape.length);
                    for (int d : shape) {
                        out.writeInt(d);
                    }
                    for (double v : e.getValue().data()) {
                        out.writeDouble(v);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static Map<String, Tensor> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC) {
                throw new IOException(file + ": not a cnn-course parameter file (wrong magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(file + ": parameter file version " + version + ", this code reads " + VERSION);
            }
            int count = in.readInt();
            Map<String, Tensor> params = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException(file + ": parameter " + name + " has rank " + rank + ", the file is damaged");
                }
                int[] shape = new int[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt();
                }
                Tensor t = Tensor.zeros(shape);
                for (int j = 0; j < t.size(); j++) {
                    t.data()[j] = in.readDouble();
                }
                params.put(name, t);
            }
            if (in.read() >= 0) {
                throw new IOException(file + ": extra bytes after the last parameter, the file is damaged");
            }
            return params;
        } catch (EOFException e) {
            throw new IOException(file + ": truncated parameter file", e);
        }
    }
}
