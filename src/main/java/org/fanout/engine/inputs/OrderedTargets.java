package org.fanout.engine.inputs;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;

/**
 * A job's targets in a {@link TargetOrder}: permuted and/or one shard of them. A source that
 * can be read at random ({@link TargetSource#randomAccess()}) is permuted index by index, with
 * nothing materialised; one that cannot (a file read line by line) keeps its written order, and
 * a shard of it is every {@code shards}-th target, read in one pass.
 */
public final class OrderedTargets<T> implements TargetSource<T> {
    private final TargetSource<T> source;
    private final TargetOrder order;

    public OrderedTargets(TargetSource<T> source, TargetOrder order) {
        this.source = Objects.requireNonNull(source, "source");
        this.order = Objects.requireNonNull(order, "order");
    }

    public TargetSource<T> source() {
        return source;
    }

    public TargetOrder order() {
        return order;
    }

    /** Whether the targets really come in the random order (false for a sequential order or source). */
    public boolean permuted() {
        return order.random() && source.randomAccess();
    }

    /** The job's size, all shards together. */
    public long jobCount() {
        return source.count();
    }

    /** This shard's size. */
    @Override
    public long count() {
        return order.shardSize(source.count());
    }

    @Override
    public Iterator<T> iterator() {
        if (source.randomAccess()) {
            PrimitiveIterator.OfLong indices = order.indices(source.count(), order.random());
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return indices.hasNext();
                }

                @Override
                public T next() {
                    return source.get(indices.nextLong());
                }
            };
        }
        Iterator<T> all = source.iterator();
        return order.sharded() ? everyShardsTh(all) : all;
    }

    private Iterator<T> everyShardsTh(Iterator<T> all) {
        return new Iterator<>() {
            private long position;
            private T next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && all.hasNext()) {
                    T t = all.next();
                    ready = order.owns(position++);
                    next = t;
                }
                return ready;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                ready = false;
                T t = next;
                next = null;
                return t;
            }
        };
    }

    @Override
    public String toString() {
        return "OrderedTargets[" + source + ", " + order.describe() + "]";
    }
}
