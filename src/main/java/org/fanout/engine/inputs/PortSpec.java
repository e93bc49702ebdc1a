package org.fanout.engine.inputs;

import java.util.BitSet;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * An immutable, sorted set of TCP ports (1-65535).
 *
 * <p>Text form, for {@link #parse}: comma-separated items, whitespace allowed around each item.
 * An item is a port ({@code 22}), an inclusive range ({@code 8000-8100}, {@code -1024} for
 * 1-1024, {@code 60000-} for 60000-65535), a service name ({@code ssh}, see {@link Services}),
 * {@code top100} (nmap's most common ports) or {@code all} (1-65535).
 */
public final class PortSpec {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    private final BitSet bits;
    private final int count;

    private PortSpec(BitSet bits) {
        this.bits = bits;
        this.count = bits.cardinality();
    }

    /**
     * Parses a port list.
     *
     * @throws TargetSyntaxException naming the offending item and its zero-based position
     */
    public static PortSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw Syntax.error("no ports given", text == null ? "" : text, 0);
        }
        BitSet bits = new BitSet(MAX_PORT + 1);
        int itemStart = 0;
        while (true) {
            int comma = text.indexOf(',', itemStart);
            int itemEnd = comma < 0 ? text.length() : comma;
            int from = itemStart;
            int to = itemEnd;
            while (from < to && Syntax.isSpace(text.charAt(from))) {
                from++;
            }
            while (to > from && Syntax.isSpace(text.charAt(to - 1))) {
                to--;
            }
            if (from == to) {
                throw Syntax.error("empty item in port list", text, from);
            }
            parseItem(text, from, to, bits);
            if (comma < 0) {
                break;
            }
            itemStart = comma + 1;
        }
        return new PortSpec(bits);
    }

    private static void parseItem(String text, int from, int to, BitSet bits) {
        String item = text.substring(from, to);
        String lower = item.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            bits.set(MIN_PORT, MAX_PORT + 1);
            return;
        }
        if (lower.equals("top100")) {
            for (int p : Services.top100()) {
                bits.set(p);
            }
            return;
        }
        char first = item.charAt(0);
        if (isAsciiLetter(first)) {
            OptionalInt port = Services.portOf(item);
            if (port.isEmpty()) {
                throw Syntax.error("unknown service name " + Syntax.quote(item), text, from);
            }
            bits.set(port.getAsInt());
            return;
        }
        int dash = item.indexOf('-');
        if (dash < 0) {
            bits.set(port(text, from, to));
            return;
        }
        int dashPos = from + dash;
        int lo = dashPos == from ? MIN_PORT : port(text, from, trimEnd(text, from, dashPos));
        int hiFrom = trimStart(text, dashPos + 1, to);
        int hi = hiFrom == to ? MAX_PORT : port(text, hiFrom, to);
        if (dashPos == from && hiFrom == to) {
            throw Syntax.error("range " + Syntax.quote(item) + " has no bounds", text, from);
        }
        if (lo > hi) {
            throw Syntax.error("reversed port range " + Syntax.quote(item) + " (" + lo + " > " + hi + ")", text, from);
        }
        bits.set(lo, hi + 1);
    }

    /** Parses text[from, to) as a port number in 1-65535. */
    private static int port(String text, int from, int to) {
        String token = text.substring(from, to);
        if (from == to) {
            throw Syntax.error("missing port number", text, from);
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw Syntax.error(
                        Syntax.quote(token) + " is not a port number, a range or a service name", text, from);
            }
            value = Math.min(value * 10 + (c - '0'), 10_000_000L);
        }
        if (value < MIN_PORT || value > MAX_PORT) {
            throw Syntax.error("port " + Syntax.quote(token).replace("'", "") + " is outside 1-65535", text, from);
        }
        return (int) value;
    }

    private static int trimEnd(String text, int from, int to) {
        while (to > from && Syntax.isSpace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static int trimStart(String text, int from, int to) {
        while (from < to && Syntax.isSpace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * The given ports.
     *
     * @throws TargetSyntaxException if any port is outside 1-65535
     */
    public static PortSpec of(int... ports) {
        BitSet bits = new BitSet(MAX_PORT + 1);
        for (int p : ports) {
            if (p < MIN_PORT || p > MAX_PORT) {
                throw new TargetSyntaxException("port " + p + " is outside 1-65535");
            }
            bits.set(p);
        }
        return new PortSpec(bits);
    }

    /** How many distinct ports. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public boolean contains(int port) {
        return port >= MIN_PORT && port <= MAX_PORT && bits.get(port);
    }

    /** The ports in ascending order. */
    public int[] toArray() {
        return bits.stream().toArray();
    }

    /** The ports in ascending order. */
    public IntStream stream() {
        return bits.stream();
    }

    /** The ports of this set that are not in {@code other}; may be empty. */
    public PortSpec minus(PortSpec other) {
        BitSet result = (BitSet) bits.clone();
        result.andNot(other.bits);
        return new PortSpec(result);
    }

    /** Compact text that {@link #parse} reads back: runs as ranges, e.g. {@code 22-23,80}; "" if empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int start = bits.nextSetBit(0);
        while (start >= 0) {
            int end = bits.nextClearBit(start) - 1;
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(start);
            if (end > start) {
                sb.append('-').append(end);
            }
            start = bits.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortSpec other && bits.equals(other.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }
}
