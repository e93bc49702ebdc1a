package org.fanout.engine;

/**
 * Receives each result as it completes. The engine calls it from one thread at a time (the
 * scan's driver thread), in completion order, so implementations need no locking of their own.
 */
@FunctionalInterface
public interface ScanListener<R> {
    void onResult(R result);
}
