package org.fanout.engine.flow;

/**
 * A scan could not run at all on this machine (worker processes would not start, no selector
 * could be opened...): not the user's mistake, and not a bug to show with a stack trace.
 */
public class ScanFailedException extends RuntimeException {
    public ScanFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
