package org.fanout.engine.inputs;

import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * The text form of a host list ({@link HostSpec#parse}): splitting it into items, and parsing one
 * item (a host name, an IPv4 or IPv6 literal, a CIDR block, an IPv4 range) with an error that
 * names the item and where in the text the problem is.
 */
final class HostItemParser {
    private HostItemParser() {}

    /**
     * Splits {@code text} into items, hands each to {@code sink} and returns
     * {@code totalBefore} plus their host count, enforcing {@link HostSpec#MAX_HOSTS}.
     */
    static long parseList(String text, long totalBefore, Consumer<HostItem> sink) {
        long total = totalBefore;
        int n = text.length();
        int i = 0;
        boolean itemSinceComma = false; // an item followed the last comma (or the line start)
        int pendingComma = -1; // a comma not yet followed by an item on its line
        boolean lineHasItem = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '#') {
                if (pendingComma >= 0) {
                    throw Syntax.error("empty item after ','", text, pendingComma + 1);
                }
                if (c == '#') {
                    while (i < n && text.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                lineHasItem = false;
                itemSinceComma = false;
                i++;
            } else if (c == ',') {
                if (!lineHasItem || !itemSinceComma) {
                    throw Syntax.error("empty item before ','", text, i);
                }
                itemSinceComma = false;
                pendingComma = i;
                i++;
            } else if (Syntax.isSpace(c)) {
                i++;
            } else {
                int start = i;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == ',' || d == '#' || Syntax.isSpace(d)) {
                        break;
                    }
                    i++;
                }
                HostItem item = parseItem(text, start, i);
                total += item.count();
                if (item.count() > HostSpec.MAX_HOSTS) {
                    throw Syntax.error(
                            "range too large: " + Syntax.quote(text.substring(start, i)) + " (" + item.count()
                                    + " hosts, at most " + HostSpec.MAX_HOSTS + ")",
                            text,
                            start);
                }
                if (total > HostSpec.MAX_HOSTS) {
                    throw Syntax.error(
                            "range too large: all hosts together, up to "
                                    + Syntax.quote(text.substring(start, i)) + " (" + total + " hosts, at most "
                                    + HostSpec.MAX_HOSTS + ")",
                            text,
                            start);
                }
                sink.accept(item);
                lineHasItem = true;
                itemSinceComma = true;
                pendingComma = -1;
            }
        }
        if (pendingComma >= 0) {
            throw Syntax.error("empty item after ','", text, pendingComma + 1);
        }
        return total;
    }

    private static HostItem parseItem(String text, int from, int to) {
        String token = text.substring(from, to);
        if (text.charAt(from) == '[') {
            int close = text.indexOf(']', from);
            if (close < 0 || close >= to) {
                throw Syntax.error("missing ']' in " + Syntax.quote(token), text, from);
            }
            long[] v6 = parseV6(text, from + 1, close);
            if (close + 1 == to) {
                return new HostItem.V6Range(v6[0], v6[1], 1);
            }
            if (text.charAt(close + 1) != '/') {
                throw Syntax.error(
                        "unexpected " + Syntax.quote(text.substring(close + 1, to)) + " after ']'", text, close + 1);
            }
            return v6Block(text, v6, close + 2, to, token, from);
        }
        int slash = token.indexOf('/');
        int colon = token.indexOf(':');
        if (colon >= 0 && colon == token.lastIndexOf(':')) {
            throw Syntax.error(
                    Syntax.quote(token) + " is not a host: a single ':' (host:port?); ports are given" + " separately",
                    text,
                    from + colon);
        }
        if (colon >= 0) {
            int end = slash < 0 ? to : from + slash;
            long[] v6 = parseV6(text, from, end);
            return slash < 0 ? new HostItem.V6Range(v6[0], v6[1], 1) : v6Block(text, v6, end + 1, to, token, from);
        }
        if (slash >= 0) {
            int end = from + slash;
            if (!isDigitsAndDots(text, from, end)) {
                throw Syntax.error(
                        "a /prefix needs an IP address, not " + Syntax.quote(text.substring(from, end)), text, from);
            }
            long address = parseV4(text, from, end);
            int prefix = prefix(text, end + 1, to, 32, token);
            long size = 1L << (32 - prefix);
            long network = address & ~(size - 1) & 0xFFFF_FFFFL;
            return new HostItem.V4Range(network, network + size - 1);
        }
        int dash = token.indexOf('-');
        if (dash > 0 && token.lastIndexOf('.', dash) >= 0 && isDigitsAndDots(text, from, from + dash)) {
            int mid = from + dash;
            long first = parseV4(text, from, mid);
            long last;
            if (token.indexOf('.', dash) >= 0) {
                last = parseV4(text, mid + 1, to);
            } else {
                int octet = octet(text, mid + 1, to);
                last = (first & 0xFFFF_FF00L) | octet;
            }
            if (last < first) {
                throw Syntax.error("reversed range " + Syntax.quote(token) + " (end before start)", text, from);
            }
            return new HostItem.V4Range(first, last);
        }
        if (isDigitsAndDots(text, from, to)) {
            long address = parseV4(text, from, to);
            return new HostItem.V4Range(address, address);
        }
        checkHostName(text, from, to);
        return new HostItem.Single(token);
    }

    private static int prefix(String text, int from, int to, int max, String token) {
        if (from >= to) {
            throw Syntax.error("missing prefix length after '/' in " + Syntax.quote(token), text, from);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || i - from >= 3) {
                throw Syntax.error(
                        "bad prefix length " + Syntax.quote(text.substring(from, to)) + " (0-" + max + ")", text, from);
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw Syntax.error(
                    "bad prefix length " + Syntax.quote(text.substring(from, to)) + " (0-" + max + ")", text, from);
        }
        return value;
    }

    private static HostItem v6Block(String text, long[] v6, int prefixFrom, int to, String token, int tokenFrom) {
        int prefix = prefix(text, prefixFrom, to, 128, token);
        int hostBits = 128 - prefix;
        if (hostBits > 24) {
            throw Syntax.error(
                    "range too large: " + Syntax.quote(token) + " (" + BigInteger.ONE.shiftLeft(hostBits)
                            + " hosts, at most " + HostSpec.MAX_HOSTS + ")",
                    text,
                    tokenFrom);
        }
        long size = 1L << hostBits;
        return new HostItem.V6Range(v6[0], v6[1] & ~(size - 1), size);
    }

    private static boolean isDigitsAndDots(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------
    // IPv4

    /** Strict dotted-quad text[from, to) as an unsigned 32-bit value. */
    static long parseV4(String text, int from, int to) {
        long value = 0;
        int start = from;
        for (int part = 0; part < 4; part++) {
            int end = start;
            while (end < to && text.charAt(end) != '.') {
                end++;
            }
            if (part < 3 && end >= to) {
                throw Syntax.error(
                        "invalid IPv4 address " + Syntax.quote(text.substring(from, to))
                                + " (needs four dot-separated numbers)",
                        text,
                        from);
            }
            if (part == 3 && end < to) {
                throw Syntax.error(
                        "invalid IPv4 address " + Syntax.quote(text.substring(from, to)) + " (more than four numbers)",
                        text,
                        end);
            }
            value = (value << 8) | octet(text, start, end);
            start = end + 1;
        }
        return value;
    }

    private static int octet(String text, int from, int to) {
        if (from >= to) {
            throw Syntax.error("missing number in IPv4 address", text, from);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw Syntax.error("invalid character " + Syntax.quote(c) + " in IPv4 address", text, i);
            }
            value = Math.min(value * 10 + (c - '0'), 100_000);
        }
        if (value > 255 || to - from > 3) {
            throw Syntax.error(
                    "octet " + Syntax.quote(text.substring(from, to)).replace("'", "") + " is outside 0-255",
                    text,
                    from);
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------
    // IPv6

    /** An IPv6 literal text[from, to) as {high 64 bits, low 64 bits}. */
    static long[] parseV6(String text, int from, int to) {
        String literal = text.substring(from, to);
        int percent = literal.indexOf('%');
        if (percent >= 0) {
            throw v6Error("zone ids are not supported", literal, text, from + percent);
        }
        if (from >= to) {
            throw Syntax.error("empty IPv6 address", text, from);
        }
        int[] groups = new int[8];
        int n = 0;
        int gap = -1; // index in groups where '::' stands
        int i = from;
        if (text.charAt(i) == ':') {
            if (i + 1 >= to || text.charAt(i + 1) != ':') {
                throw v6Error("leading single ':'", literal, text, i);
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int end = i;
            while (end < to && text.charAt(end) != ':') {
                end++;
            }
            if (end == i) {
                throw v6Error("empty group", literal, text, i);
            }
            if (text.lastIndexOf('.', end - 1) >= i) {
                if (end != to) {
                    throw v6Error("an embedded IPv4 address must come last", literal, text, i);
                }
                if (n > 6) {
                    throw v6Error("too many groups", literal, text, i);
                }
                long v4 = parseV4(text, i, end);
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xFFFF);
                break;
            }
            int value = 0;
            for (int k = i; k < end; k++) {
                int digit = Character.digit(text.charAt(k), 16);
                if (digit < 0 || text.charAt(k) > 'f') {
                    throw v6Error("invalid character " + Syntax.quote(text.charAt(k)), literal, text, k);
                }
                value = value * 16 + digit;
            }
            if (end - i > 4) {
                throw v6Error(
                        "group " + Syntax.quote(text.substring(i, end)) + " has more than 4 hex digits",
                        literal,
                        text,
                        i);
            }
            if (n >= 8) {
                throw v6Error("too many groups", literal, text, i);
            }
            groups[n++] = value;
            if (end == to) {
                break;
            }
            if (end + 1 < to && text.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    throw v6Error("'::' may appear only once", literal, text, end);
                }
                gap = n;
                i = end + 2;
            } else {
                if (end + 1 == to) {
                    throw v6Error("trailing single ':'", literal, text, end);
                }
                i = end + 1;
            }
        }
        if (gap < 0 && n != 8) {
            throw v6Error("needs 8 groups or '::'", literal, text, from);
        }
        if (gap >= 0 && n > 7) {
            throw v6Error("too many groups", literal, text, from);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = n - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new long[] {hi, lo};
    }

    private static TargetSyntaxException v6Error(String detail, String literal, String text, int position) {
        return Syntax.error("malformed IPv6 address " + Syntax.quote(literal) + ": " + detail, text, position);
    }

    // ---------------------------------------------------------------------------------------
    // Host names

    private static void checkHostName(String text, int from, int to) {
        String name = text.substring(from, to);
        int end = to;
        if (end - from > 1 && text.charAt(end - 1) == '.') {
            end--; // one trailing dot: a fully qualified name
        }
        if (end - from > 253) {
            throw Syntax.error("host name " + Syntax.quote(name) + " is longer than 253 characters", text, from);
        }
        int labelStart = from;
        for (int i = from; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c == '.') {
                if (i == labelStart) {
                    throw Syntax.error("empty label in host name " + Syntax.quote(name), text, i);
                }
                if (i - labelStart > 63) {
                    throw Syntax.error(
                            "label in host name " + Syntax.quote(name) + " is longer than 63 characters",
                            text,
                            labelStart);
                }
                if (text.charAt(labelStart) == '-') {
                    throw Syntax.error(
                            "label in host name " + Syntax.quote(name) + " starts with '-'", text, labelStart);
                }
                if (text.charAt(i - 1) == '-') {
                    throw Syntax.error("label in host name " + Syntax.quote(name) + " ends with '-'", text, i - 1);
                }
                if (i == end && isDigitsAndDots(text, labelStart, i)) {
                    throw Syntax.error(
                            "host name " + Syntax.quote(name) + " ends in a numeric label", text, labelStart);
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                throw Syntax.error(
                        "invalid character " + Syntax.quote(c) + " in host name " + Syntax.quote(name), text, i);
            }
        }
    }
}
