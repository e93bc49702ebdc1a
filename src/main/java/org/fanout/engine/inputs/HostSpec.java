package org.fanout.engine.inputs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;

/**
 * A lazy, re-iterable sequence of host strings: names, IPv4/IPv6 literals, CIDR blocks and
 * IPv4 ranges. Nothing is expanded up front: a {@code /8} is iterated by arithmetic, and
 * {@link #count()} is exact without iterating.
 *
 * <p>Text form, for {@link #parse}: items separated by commas, whitespace or newlines;
 * {@code #} starts a comment that runs to the end of the line. Item kinds:
 * <ul>
 *   <li>a host name ({@code localhost}, RFC 1123 labels), yielded as written;</li>
 *   <li>an IPv4 literal ({@code 127.0.0.1}) or IPv6 literal ({@code ::1}, {@code [::1]}),
 *       yielded in canonical form (IPv6 compressed as in RFC 5952, without brackets);</li>
 *   <li>an IPv4 CIDR block ({@code 127.0.0.0/24}: every address, network and broadcast
 *       included, in order) or an IPv6 one ({@code ::1/128});</li>
 *   <li>an IPv4 range over the last octet ({@code 127.0.0.1-20}) or between two addresses
 *       ({@code 127.0.0.1-127.0.1.5}), both ends included.</li>
 * </ul>
 * Each host is yielded once: a name written twice, or an address that an earlier item already
 * covered ({@code ::1} and {@code [::1]}, overlapping ranges), is dropped where it repeats (see
 * {@link DistinctHosts}). A name and the address it resolves to are different hosts.
 * No item, and not all of them together, may exceed {@value #MAX_HOSTS} hosts.
 */
public final class HostSpec implements Iterable<String> {
    /** The most hosts one item, or a whole spec, may hold: 2^24. */
    public static final long MAX_HOSTS = 1L << 24;

    private final LazySequence<String> hosts;
    /** A parsed list's items, which {@link #indexesOf} looks hosts up in; null for a file or a concatenation. */
    private final List<HostItem> items;

    private HostIndex index;

    private HostSpec(LazySequence<String> hosts, List<HostItem> items) {
        this.hosts = hosts;
        this.items = items;
    }

    /**
     * Parses a host list.
     *
     * @throws TargetSyntaxException naming the offending item and its zero-based position
     */
    public static HostSpec parse(String text) {
        if (text == null) {
            throw Syntax.error("no hosts given", "", 0);
        }
        List<HostItem> items = new ArrayList<>();
        DistinctHosts distinct = new DistinctHosts();
        HostItemParser.parseList(text, 0, item -> distinct.accept(item, items::add));
        if (items.isEmpty()) {
            throw Syntax.error("no hosts given", text, 0);
        }
        List<HostItem> frozen = List.copyOf(items);
        Runs runs = new Runs(frozen, HostItem::count);
        return new HostSpec(
                new LazySequence<>(countOf(frozen), () -> flatten(frozen.iterator()), Syntax.quote(text), i -> {
                    int k = runs.runOf(i);
                    return frozen.get(k).at(runs.offset(k, i));
                }),
                frozen);
    }

    /**
     * A hosts file: one or more items per line (as in {@link #parse}), {@code #} comments and
     * blank lines ignored. The file is checked, and its hosts counted, in one streaming pass
     * now; each iterator then reads it again, line by line, so memory stays bounded whatever
     * its size. An iterator holds the file open until it reaches the end.
     *
     * @throws TargetSyntaxException if the file cannot be read ("cannot read hosts file ..."),
     *                               or a line is malformed ("line N: ...")
     */
    public static HostSpec fromFile(Path file) {
        DistinctHosts distinct = new DistinctHosts();
        long[] total = {0};
        Syntax.countLines(
                file,
                "hosts file",
                (line, sum) -> HostItemParser.parseList(
                        line, sum, item -> distinct.accept(item, fresh -> total[0] += fresh.count())));
        if (total[0] == 0) {
            throw new TargetSyntaxException("hosts file " + file + " holds no hosts");
        }
        return new HostSpec(new LazySequence<>(total[0], () -> hostsOf(file), "hosts file " + file), null);
    }

    /** All hosts of the given specs, one after another. */
    public static HostSpec concat(HostSpec... specs) {
        List<HostSpec> parts = List.of(specs);
        long total = 0;
        for (HostSpec spec : parts) {
            total += spec.count();
            if (total > MAX_HOSTS) {
                throw new TargetSyntaxException(
                        "range too large: all hosts together (" + total + " hosts, at most " + MAX_HOSTS + ")");
            }
        }
        List<String> names = new ArrayList<>();
        for (HostSpec spec : parts) {
            names.add(spec.hosts.description());
        }
        boolean random = parts.stream().allMatch(HostSpec::randomAccess);
        Runs runs = new Runs(parts, HostSpec::count);
        return new HostSpec(
                new LazySequence<>(
                        total,
                        () -> flatten(parts.iterator()),
                        String.join(" + ", names),
                        !random
                                ? null
                                : i -> {
                                    int k = runs.runOf(i);
                                    return parts.get(k).at(runs.offset(k, i));
                                }),
                null);
    }

    /** How many hosts {@link #iterator()} yields, computed without iterating. */
    public long count() {
        return hosts.count();
    }

    public boolean isEmpty() {
        return hosts.count() == 0;
    }

    /** A fresh iterator over every host, in the order written. */
    @Override
    public Iterator<String> iterator() {
        return hosts.iterator();
    }

    /** Whether {@link #at} works (not for a hosts file, which is read line by line). */
    public boolean randomAccess() {
        return hosts.randomAccess();
    }

    /**
     * The host {@link #iterator()} yields at {@code index}, found without iterating.
     *
     * @throws UnsupportedOperationException where {@link #randomAccess()} is false
     */
    public String at(long index) {
        return hosts.at(index);
    }

    /**
     * The sorted, distinct indexes ({@link #at}) of this list's hosts that are the same as a host
     * of {@code others} (names case ignored, addresses whatever their spelling: {@link HostIndex}),
     * found without walking this list; null for a hosts file or a concatenation, which have no index.
     */
    public long[] indexesOf(HostSpec others) {
        if (items == null) return null;
        synchronized (this) {
            if (index == null) index = new HostIndex(items);
        }
        LongStream.Builder found = LongStream.builder();
        for (String host : others) index.indexesOf(host, found);
        return found.build().sorted().distinct().toArray();
    }

    @Override
    public String toString() {
        return "HostSpec[" + hosts.description() + ", " + hosts.count() + " hosts]";
    }

    private static long countOf(List<HostItem> items) {
        long n = 0;
        for (HostItem item : items) {
            n += item.count();
        }
        return n;
    }

    /** The hosts of several parts (items of one list, or whole specs), one part after another. */
    private static Iterator<String> flatten(Iterator<? extends Iterable<String>> items) {
        return new Iterator<>() {
            private Iterator<String> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!items.hasNext()) {
                        return false;
                    }
                    current = items.next().iterator();
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Reads a hosts file line by line; each iterator drops the hosts it has already yielded. */
    private static Iterator<String> hostsOf(Path file) {
        DistinctHosts distinct = new DistinctHosts();
        return new LineFileIterator<>(file, "hosts file", line -> {
            List<HostItem> items = new ArrayList<>();
            HostItemParser.parseList(line, 0, item -> distinct.accept(item, items::add));
            return flatten(items.iterator());
        });
    }
}
