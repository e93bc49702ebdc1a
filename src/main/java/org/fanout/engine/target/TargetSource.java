package org.fanout.engine.target;

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
}
