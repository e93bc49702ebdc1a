package org.fanout.history;

/**
 * The history database cannot be used: it is corrupt, locked, full, from a newer Fanout, or a
 * run asked for does not exist. The message is one line a user can act on.
 */
public final class HistoryException extends RuntimeException {
    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
