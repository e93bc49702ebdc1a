package org.fanout.engine.inputs;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One parsed item of a host list: a lazily iterated run of hosts (a name, or a range of IPv4 or
 * IPv6 addresses), which can also say which host is at a given offset.
 */
sealed interface HostItem extends Iterable<String> {
    long count();

    /** The host at {@code offset} inside this item. */
    String at(long offset);

    /** A host name, as written. */
    record Single(String host) implements HostItem {
        @Override
        public long count() {
            return 1;
        }

        @Override
        public Iterator<String> iterator() {
            return Collections.singletonList(host).iterator();
        }

        @Override
        public String at(long offset) {
            return host;
        }
    }

    /** IPv4 addresses first..last inclusive, as unsigned 32-bit values. */
    record V4Range(long first, long last) implements HostItem {
        @Override
        public long count() {
            return last - first + 1;
        }

        @Override
        public String at(long offset) {
            return AddressText.v4(first + offset);
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private long next = first;

                @Override
                public boolean hasNext() {
                    return next <= last;
                }

                @Override
                public String next() {
                    if (next > last) {
                        throw new NoSuchElementException();
                    }
                    return AddressText.v4(next++);
                }
            };
        }
    }

    /** {@code count} IPv6 addresses from (hi, lo) upward; lo never wraps (a block, or a part of one). */
    record V6Range(long hi, long lo, long count) implements HostItem {
        @Override
        public String at(long offset) {
            return AddressText.v6(hi, lo + offset);
        }

        @Override
        public Iterator<String> iterator() {
            return new Iterator<>() {
                private long i;

                @Override
                public boolean hasNext() {
                    return i < count;
                }

                @Override
                public String next() {
                    if (i >= count) {
                        throw new NoSuchElementException();
                    }
                    return AddressText.v6(hi, lo + i++);
                }
            };
        }
    }
}
