package org.fanout.engine.inputs;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The URL pattern language: literal text with {@code {...}} groups, each standing for a set of
 * strings; the URLs run through every combination in odometer order (the last group changes
 * fastest). Group forms:
 * <ul>
 *   <li>characters and character ranges: {@code {a-z}}, {@code {0-9}}, {@code {a-z0-9_}};</li>
 *   <li>a numeric range: {@code {1-100}}, or zero-padded {@code {001-100}};</li>
 *   <li>a list: {@code {www,api,mail}} (empty alternatives allowed: {@code {,www.}}).</li>
 * </ul>
 * A backslash makes the next character literal ({@code \,}, {@code \-} inside a group); outside
 * groups <code>\{</code> and <code>\}</code> stand for a literal brace, written percent-encoded
 * (<code>%7B</code>, <code>%7D</code>) since a raw brace is not allowed in a URL.
 * A pattern is parsed and checked once; nothing is expanded up front: {@link #count()} is the
 * product of the group sizes, {@link #iterator()} builds each URL when asked, and
 * {@link #at(long)} finds any one of them from its index (its digits in the mixed radix of the
 * group sizes), which is what lets a scan be sharded.
 */
final class UrlPattern {
    /** The most URLs a pattern may expand to. */
    static final long MAX_URLS = 100_000_000L;

    private final List<Object> parts; // Literal or Group
    private final long count;

    private UrlPattern(List<Object> parts, long count) {
        this.parts = parts;
        this.count = count;
    }

    /**
     * Parses and checks a pattern.
     *
     * @throws TargetSyntaxException for an unclosed or empty group, a reversed range, a first
     *                               expansion that is not an http/https URL, or more than
     *                               {@value #MAX_URLS} URLs
     */
    static UrlPattern parse(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw Syntax.error("empty URL pattern", pattern == null ? "" : pattern, 0);
        }
        List<Object> parts = new ArrayList<>(); // Literal or Group
        parsePattern(pattern, parts);

        BigInteger product = BigInteger.ONE;
        int tooLargeAt = -1;
        for (Object part : parts) {
            if (part instanceof Group g) {
                product = product.multiply(BigInteger.valueOf(g.size()));
                if (tooLargeAt < 0 && product.compareTo(BigInteger.valueOf(MAX_URLS)) > 0) {
                    tooLargeAt = g.position();
                }
            }
        }
        if (tooLargeAt >= 0) {
            throw Syntax.error("pattern expands to " + product + " URLs, at most " + MAX_URLS, pattern, tooLargeAt);
        }

        // The first expansion must be a valid URL; map a problem in it back into the pattern.
        // Then vary one group at a time (every alternative of a list, the last value of other
        // groups) so that, e.g., {http,ftp}:// is caught too, without expanding the product.
        int[] index = new int[parts.size()];
        checkExpansion(pattern, parts, index, -1);
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k) instanceof Group g && g.size() > 1) {
                int from = g instanceof ListGroup ? 1 : (int) g.size() - 1;
                for (int v = from; v < g.size(); v++) {
                    index[k] = v;
                    checkExpansion(pattern, parts, index, g.position());
                }
                index[k] = 0;
            }
        }

        return new UrlPattern(List.copyOf(parts), product.longValueExact());
    }

    /** How many URLs the pattern gives: the product of its group sizes. */
    long count() {
        return count;
    }

    /** The URLs in odometer order, each built only when asked. */
    Iterator<URI> iterator() {
        return new PatternIterator(parts, count);
    }

    /** The URL at {@code index} of the odometer order, 0 &lt;= index &lt; {@link #count()}. */
    URI at(long index) {
        return PatternIterator.at(parts, index);
    }

    /**
     * Checks the URL the pattern gives at {@code index}; a problem is reported at the pattern
     * position its character came from, or at {@code groupPosition} when that is not -1.
     */
    private static void checkExpansion(String pattern, List<Object> parts, int[] index, int groupPosition) {
        StringBuilder url = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k) instanceof Literal lit) {
                url.append(lit.text());
                for (int p : lit.positions()) {
                    origin.add(p);
                }
            } else {
                Group g = (Group) parts.get(k);
                String value = g.value(index[k]);
                url.append(value);
                for (int c = 0; c < value.length(); c++) {
                    origin.add(g.position());
                }
            }
        }
        if (UrlCheck.checkAbsoluteUrl(url.toString()) instanceof UrlCheck.Problem problem) {
            String hint = !pattern.contains("://") && UrlCheck.checkAbsoluteUrl("http://" + url) instanceof URI
                    ? " (did you mean " + Syntax.quote("http://" + pattern) + "?)"
                    : "";
            int position = groupPosition >= 0
                    ? groupPosition
                    : problem.position() < origin.size() ? origin.get(problem.position()) : pattern.length();
            throw Syntax.error(
                    "pattern " + Syntax.quote(pattern) + " does not give a valid URL: " + problem.what() + " in "
                            + Syntax.quote(url) + hint,
                    pattern,
                    position);
        }
    }

    /** Literal text and, for each of its characters, its position in the pattern. */
    private record Literal(String text, int[] positions) {}

    /** A {...} group: {@code size()} values, at pattern position {@code position()} (its '{'). */
    private sealed interface Group permits CharGroup, NumberGroup, ListGroup {
        long size();

        String value(int index);

        int position();
    }

    private record CharGroup(String chars, int position) implements Group {
        @Override
        public long size() {
            return chars.length();
        }

        @Override
        public String value(int index) {
            return String.valueOf(chars.charAt(index));
        }
    }

    private record NumberGroup(long low, long high, int width, int position) implements Group {
        @Override
        public long size() {
            return high - low + 1;
        }

        @Override
        public String value(int index) {
            String digits = Long.toString(low + index);
            return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
        }
    }

    private record ListGroup(List<String> values, int position) implements Group {
        @Override
        public long size() {
            return values.size();
        }

        @Override
        public String value(int index) {
            return values.get(index);
        }
    }

    /** One character of a group's content: its value, pattern position, and whether escaped. */
    private record Unit(char c, int position, boolean escaped) {
        boolean is(char d) {
            return !escaped && c == d;
        }
    }

    private static void parsePattern(String pattern, List<Object> parts) {
        StringBuilder literal = new StringBuilder();
        List<Integer> positions = new ArrayList<>();
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw Syntax.error("'\\' at the end of the pattern escapes nothing", pattern, i);
                }
                char escaped = pattern.charAt(i + 1);
                // A raw brace is never legal in a URL: an escaped one stands for its encoded form.
                String text = escaped == '{' ? "%7B" : escaped == '}' ? "%7D" : String.valueOf(escaped);
                literal.append(text);
                for (int k = 0; k < text.length(); k++) {
                    positions.add(i + 1);
                }
                i += 2;
            } else if (c == '{') {
                if (!literal.isEmpty()) {
                    parts.add(new Literal(
                            literal.toString(),
                            positions.stream().mapToInt(Integer::intValue).toArray()));
                    literal.setLength(0);
                    positions.clear();
                }
                List<Unit> units = new ArrayList<>();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw Syntax.error("unclosed '{' in pattern", pattern, i);
                    }
                    char d = pattern.charAt(j);
                    if (d == '\\') {
                        if (j + 1 >= n) {
                            throw Syntax.error("unclosed '{' in pattern", pattern, i);
                        }
                        units.add(new Unit(pattern.charAt(j + 1), j + 1, true));
                        j += 2;
                    } else if (d == '{') {
                        throw Syntax.error(
                                "'{' inside a group (groups do not nest; write \\{ for a literal brace)", pattern, j);
                    } else if (d == '}') {
                        break;
                    } else {
                        units.add(new Unit(d, j, false));
                        j++;
                    }
                }
                parts.add(group(pattern, i, units));
                i = j + 1;
            } else if (c == '}') {
                throw Syntax.error("'}' without a matching '{' (write \\} for a literal brace)", pattern, i);
            } else {
                literal.append(c);
                positions.add(i);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Literal(
                    literal.toString(),
                    positions.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    private static Group group(String pattern, int open, List<Unit> units) {
        if (units.isEmpty()) {
            throw Syntax.error("empty group '{}' in pattern", pattern, open);
        }
        for (Unit u : units) {
            if (!allowedInGroup(u.c())) {
                throw Syntax.error(
                        "character " + Syntax.quote(u.c()) + " cannot appear in a pattern group",
                        pattern,
                        u.position());
            }
        }
        if (units.stream().anyMatch(u -> u.is(','))) {
            List<String> values = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (Unit u : units) {
                if (u.is(',')) {
                    values.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(u.c());
                }
            }
            values.add(current.toString());
            if (values.stream().allMatch(String::isEmpty)) {
                throw Syntax.error("group has only empty alternatives", pattern, open);
            }
            return new ListGroup(List.copyOf(values), open);
        }
        NumberGroup numbers = numberGroup(pattern, open, units);
        if (numbers != null) {
            return numbers;
        }
        Set<Character> chars = new LinkedHashSet<>();
        for (int k = 0; k < units.size(); k++) {
            Unit u = units.get(k);
            if (k + 2 < units.size() && units.get(k + 1).is('-')) {
                char low = u.c();
                char high = units.get(k + 2).c();
                if (high < low) {
                    throw Syntax.error(
                            "reversed range '" + low + "-" + high + "' in pattern group", pattern, u.position());
                }
                for (char c = low; c <= high; c++) {
                    if (!allowedInGroup(c)) {
                        throw Syntax.error(
                                "range '" + low + "-" + high + "' includes " + Syntax.quote(c)
                                        + ", which cannot appear in a URL",
                                pattern,
                                u.position());
                    }
                    chars.add(c);
                }
                k += 2;
            } else {
                chars.add(u.c());
            }
        }
        StringBuilder sb = new StringBuilder();
        chars.forEach(sb::append);
        return new CharGroup(sb.toString(), open);
    }

    /** {@code digits-digits} as a numeric range, or null if the group has another form. */
    private static NumberGroup numberGroup(String pattern, int open, List<Unit> units) {
        int dash = -1;
        for (int k = 0; k < units.size(); k++) {
            Unit u = units.get(k);
            if (u.is('-') && dash < 0 && k > 0) {
                dash = k;
            } else if (u.escaped() || u.c() < '0' || u.c() > '9') {
                return null;
            }
        }
        if (dash < 0 || dash == units.size() - 1) {
            return null;
        }
        String low = digits(units.subList(0, dash));
        String high = digits(units.subList(dash + 1, units.size()));
        if (low.length() > 18 || high.length() > 18) {
            throw Syntax.error("number in pattern group is too large", pattern, open + 1);
        }
        long lo = Long.parseLong(low);
        long hi = Long.parseLong(high);
        if (hi < lo) {
            throw Syntax.error("reversed range '" + low + "-" + high + "' in pattern group", pattern, open + 1);
        }
        boolean padded = (low.length() > 1 && low.charAt(0) == '0') || (high.length() > 1 && high.charAt(0) == '0');
        return new NumberGroup(lo, hi, padded ? Math.max(low.length(), high.length()) : 0, open);
    }

    private static String digits(List<Unit> units) {
        StringBuilder sb = new StringBuilder();
        units.forEach(u -> sb.append(u.c()));
        return sb.toString();
    }

    /** Characters a group may produce: those legal anywhere in a URL, except '%', '[' and ']'. */
    private static boolean allowedInGroup(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?#".indexOf(c) >= 0;
    }

    /** Odometer over the groups of a pattern; builds each URL only when asked. */
    private static final class PatternIterator implements Iterator<URI> {
        private final List<Object> parts;
        private final int[] index;
        private long remaining;

        PatternIterator(List<Object> parts, long total) {
            this.parts = parts;
            this.index = new int[parts.size()];
            this.remaining = total;
        }

        @Override
        public boolean hasNext() {
            return remaining > 0;
        }

        @Override
        public URI next() {
            if (remaining <= 0) {
                throw new NoSuchElementException();
            }
            remaining--;
            URI uri = build(parts, index);
            advance();
            return uri;
        }

        /** The URL at {@code position} of the odometer order: its digits in the mixed radix of the group sizes. */
        static URI at(List<Object> parts, long position) {
            int[] index = new int[parts.size()];
            long rest = position;
            for (int k = parts.size() - 1; k >= 0; k--) {
                if (parts.get(k) instanceof Group g) {
                    index[k] = (int) (rest % g.size());
                    rest /= g.size();
                }
            }
            return build(parts, index);
        }

        private static URI build(List<Object> parts, int[] index) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < parts.size(); k++) {
                Object part = parts.get(k);
                sb.append(part instanceof Literal lit ? lit.text() : ((Group) part).value(index[k]));
            }
            String url = sb.toString();
            try {
                return new URI(url);
            } catch (URISyntaxException e) {
                throw new TargetSyntaxException(
                        "pattern gives an invalid URL " + Syntax.quote(url) + ": " + e.getReason(),
                        url,
                        UrlCheck.clamp(e.getIndex(), url));
            }
        }

        private void advance() {
            for (int k = parts.size() - 1; k >= 0; k--) {
                if (parts.get(k) instanceof Group g) {
                    if (++index[k] < g.size()) {
                        return;
                    }
                    index[k] = 0;
                }
            }
        }
    }
}
