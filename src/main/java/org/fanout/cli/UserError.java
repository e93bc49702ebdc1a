package org.fanout.cli;

/** A mistake in what the user asked for: reported as one {@code error:} line, exit status 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
