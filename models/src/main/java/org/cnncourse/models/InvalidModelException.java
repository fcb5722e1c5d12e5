package org.cnncourse.models;

import java.io.IOException;
import java.nio.file.Path;

/** A model zip that cannot be used: missing, damaged, foreign or not what its metadata says. */
public class InvalidModelException extends IOException {
    public InvalidModelException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidModelException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
