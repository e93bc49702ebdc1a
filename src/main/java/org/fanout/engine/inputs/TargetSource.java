package org.fanout.engine.inputs;

import java.util.Iterator;

/**
 * A lazy, re-iterable sequence of scan targets whose size is known up front (for progress and
 * ETA) without materialising the targets: a million targets never sit in memory at once.
 */
public interface TargetSource<T> extends Iterable<T> {
    /** How many targets {@link #iterator()} yields. */
    long count();

    /** A fresh iterator over every target; each call starts again from the first. */
    @Override
    Iterator<T> iterator();

    /** Whether {@link #get} works: the target at any index, without iterating up to it. */
    default boolean randomAccess() {
        return false;
    }

    /**
     * The target {@link #iterator()} yields at {@code index} (0-based), computed directly.
     *
     * @throws UnsupportedOperationException where {@link #randomAccess()} is false
     */
    default T get(long index) {
        throw new UnsupportedOperationException(this + " cannot be read at random");
    }
}
