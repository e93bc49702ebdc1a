package org.fanout.engine.inputs;

import java.util.Iterator;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * What a parsed host list or URL source is underneath: an exact count known without iterating,
 * a fresh iterator on every call, and, where the targets can be computed from their index, a
 * lookup by index.
 *
 * @param count       how many targets each iterator yields
 * @param iterators   makes a fresh iterator over every target
 * @param description the input it came from, for messages
 * @param lookup      the target at an index, or null where targets cannot be read at random
 */
record LazySequence<T>(long count, Supplier<Iterator<T>> iterators, String description, LongFunction<T> lookup) {

    /** A sequence that can only be iterated (a file read line by line). */
    LazySequence(long count, Supplier<Iterator<T>> iterators, String description) {
        this(count, iterators, description, null);
    }

    Iterator<T> iterator() {
        return iterators.get();
    }

    boolean randomAccess() {
        return lookup != null;
    }

    /**
     * The target at {@code index}, computed directly.
     *
     * @throws UnsupportedOperationException where {@link #randomAccess()} is false
     * @throws IndexOutOfBoundsException     outside {@code [0, count)}
     */
    T at(long index) {
        if (lookup == null) throw new UnsupportedOperationException(description + " cannot be read at random");
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + count + ")");
        }
        return lookup.apply(index);
    }
}
