package org.cnncourse.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Output folders checked before any work: a run that could not save its results is refused at once. */
final class OutputFolders {
    private OutputFolders() {
    }

    /** {@code folder}, created when missing and checked writable, or a usage error naming {@code option} and why. */
    static Path writable(Path folder, String option, CommandLine.Model.CommandSpec spec) {
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".write-test-", ".tmp"));
            return folder;
        } catch (IOException | SecurityException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " " + folder + " is not a writable folder ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }
}
