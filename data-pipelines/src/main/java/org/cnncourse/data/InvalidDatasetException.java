package org.cnncourse.data;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that cannot be read as what it claims to be; the message names the file. */
public class InvalidDatasetException extends IOException {
    public InvalidDatasetException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public InvalidDatasetException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public InvalidDatasetException(String message) {
        super(message);
    }
}
