package org.fanout.engine.inputs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Drops what a host list has already named, item by item, in the order written: a name seen
 * before (names compare case-insensitively, as DNS does), and any address an earlier literal,
 * range or CIDR block covered. What is new of an item is passed on as whole ranges, so a
 * {@code /8} stays one lazily iterated range. Memory grows with the number of separate ranges
 * and names, never with the number of addresses: consecutive addresses merge into one range.
 *
 * <p>A name and an address are kept apart even when the name resolves to the address
 * ({@code localhost} and {@code 127.0.0.1} are both scanned): the user asked for both.
 */
final class DistinctHosts {
    private final Set<String> names = new HashSet<>();
    private final Ranges v4 = new Ranges();
    private final Map<Long, Ranges> v6ByHighBits = new HashMap<>();

    /** Passes to {@code sink} the parts of {@code item} not seen before (nothing if none). */
    void accept(HostItem item, Consumer<HostItem> sink) {
        switch (item) {
            case HostItem.Single name -> {
                if (names.add(name.host().toLowerCase(Locale.ROOT))) sink.accept(name);
            }
            case HostItem.V4Range r -> v4.add(r.first(), r.last(), (a, b) -> sink.accept(new HostItem.V4Range(a, b)));
            case HostItem.V6Range r ->
                v6ByHighBits
                        .computeIfAbsent(r.hi(), k -> new Ranges())
                        .add(
                                r.lo(),
                                r.lo() + r.count() - 1,
                                (a, b) -> sink.accept(new HostItem.V6Range(r.hi(), a, b - a + 1)));
        }
    }

    /** Receives one new range of unsigned values, first..last inclusive. */
    @FunctionalInterface
    interface RangeSink {
        void accept(long first, long last);
    }

    /**
     * A set of unsigned 64-bit values held as disjoint, non-adjacent ranges (start -> end,
     * inclusive, ordered unsigned).
     */
    static final class Ranges {
        private final TreeMap<Long, Long> ranges = new TreeMap<>(Long::compareUnsigned);

        /** Adds first..last (unsigned, first <= last), reporting each part that was not in the set. */
        void add(long first, long last, RangeSink fresh) {
            long start = first;
            long end = last;
            Entry<Long, Long> before = ranges.floorEntry(first);
            if (before != null && Long.compareUnsigned(before.getValue(), first) >= 0) {
                if (Long.compareUnsigned(before.getValue(), last) >= 0) return; // all seen already
            }
            // Report the gaps between the ranges already held, walking first..last.
            long cursor = first;
            boolean cursorPastEnd = false;
            if (before != null && Long.compareUnsigned(before.getValue(), first) >= 0) {
                cursor = before.getValue() + 1; // before ends inside first..last, so this does not wrap
            }
            for (Entry<Long, Long> held :
                    ranges.subMap(first, false, last, true).entrySet()) {
                if (Long.compareUnsigned(cursor, held.getKey()) < 0) fresh.accept(cursor, held.getKey() - 1);
                if (held.getValue() == -1L) {
                    cursorPastEnd = true; // held reaches the top of the unsigned range
                    break;
                }
                if (Long.compareUnsigned(held.getValue() + 1, cursor) > 0) cursor = held.getValue() + 1;
            }
            if (!cursorPastEnd && Long.compareUnsigned(cursor, last) <= 0) fresh.accept(cursor, last);
            // Merge first..last with every held range it overlaps or touches.
            if (before != null
                    && (before.getValue() == -1L || Long.compareUnsigned(before.getValue() + 1, first) >= 0)) {
                start = before.getKey();
                if (Long.compareUnsigned(before.getValue(), end) > 0) end = before.getValue();
            }
            long touchLimit = last == -1L ? last : last + 1;
            Entry<Long, Long> next = ranges.floorEntry(touchLimit);
            if (next != null
                    && Long.compareUnsigned(next.getKey(), start) >= 0
                    && Long.compareUnsigned(next.getValue(), end) > 0) {
                end = next.getValue();
            }
            ranges.subMap(start, true, touchLimit, true).clear();
            ranges.put(start, end);
        }

        int size() {
            return ranges.size();
        }
    }
}
