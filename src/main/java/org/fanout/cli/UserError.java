package org.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A mistake in what the user asked for: reported as one {@code error:} line, exit status 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }

    /** {@code prefix} and a file that cannot be read as one: a directory, or nothing at all. */
    static UserError notAFile(String prefix, Path file) {
        return new UserError(
                prefix + file + (Files.isDirectory(file) ? " is a directory, not a file" : " does not exist"));
    }
}
