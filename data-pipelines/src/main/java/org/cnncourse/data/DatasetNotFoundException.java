package org.cnncourse.data;

/** A dataset that is not installed; the message says where it looked and the command that installs it. */
public class DatasetNotFoundException extends IllegalStateException {
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
