package org.fanout.engine.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * A lazy, re-iterable sequence of absolute http/https URLs: from a list, from a file (one URL
 * per line), or from a pattern whose {@code {...}} groups expand lazily.
 */
public final class UrlSource implements TargetSource<URI> {
    /** The most URLs a pattern may expand to. */
    public static final long MAX_PATTERN_URLS = 100_000_000L;

    private final long count;
    private final Supplier<Iterator<URI>> iterators;
    private final String description;
    private final LongFunction<URI> lookup; // null where URLs cannot be read at random

    private UrlSource(long count, Supplier<Iterator<URI>> iterators, String description) {
        this(count, iterators, description, null);
    }

    private UrlSource(long count, Supplier<Iterator<URI>> iterators, String description, LongFunction<URI> lookup) {
        this.count = count;
        this.iterators = iterators;
        this.description = description;
        this.lookup = lookup;
    }

    /**
     * The given URLs, each checked to be an absolute http or https URL with a host.
     *
     * @throws TargetSyntaxException naming the first bad URL; its {@code input} is that URL and
     *                               its {@code position} the offset of the problem in it
     */
    public static UrlSource of(List<String> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new TargetSyntaxException("no URLs given");
        }
        List<URI> checked = new ArrayList<>(urls.size());
        for (String url : urls) {
            checked.add(check(url == null ? "" : url));
        }
        List<URI> frozen = List.copyOf(checked);
        return new UrlSource(frozen.size(), frozen::iterator, frozen.size() + " URLs", i -> frozen.get(Math.toIntExact(i)));
    }

    /**
     * A file of URLs, one per line; blank lines and comments ({@code #} at the start of a line,
     * or after whitespace) are ignored. The file is checked and counted in one streaming pass
     * now, and read again, line by line, by each iterator, so memory stays bounded. An iterator
     * holds the file open until it reaches the end. A file of up to {@value LineIndex#MAX_LINES}
     * URLs can also be read at random ({@link #get}), through an index of line offsets.
     *
     * @throws TargetSyntaxException if the file cannot be read ("cannot read URL file ...") or a
     *                               line is not a valid URL ("line N: ...")
     */
    public static UrlSource fromFile(Path file) {
        long total = Syntax.countLines(file, "URL file", (line, sum) -> urlOnLine(line) != null ? sum + 1 : sum);
        if (total == 0) {
            throw new TargetSyntaxException("URL file " + file + " holds no URLs");
        }
        if (total > LineIndex.MAX_LINES) {
            return new UrlSource(total, () -> new FileIterator(file), "URL file " + file);
        }
        LineIndex index = new LineIndex(file, line -> urlOnLine(line) != null, "URL file");
        return new UrlSource(total, () -> new FileIterator(file), "URL file " + file, i -> urlOnLine(index.line(i)));
    }

    /**
     * URLs generated from a pattern. Each {@code {...}} group stands for a set of strings, and
     * the URLs run through every combination in odometer order (the last group changes
     * fastest). Group forms:
     * <ul>
     *   <li>characters and character ranges: {@code {a-z}}, {@code {0-9}}, {@code {a-z0-9_}};</li>
     *   <li>a numeric range: {@code {1-100}}, or zero-padded {@code {001-100}};</li>
     *   <li>a list: {@code {www,api,mail}} (empty alternatives allowed: {@code {,www.}}).</li>
     * </ul>
     * A backslash makes the next character literal ({@code \,}, {@code \-} inside a group); outside
     * groups <code>\{</code> and <code>\}</code> stand for a literal brace, written percent-encoded
     * (<code>%7B</code>, <code>%7D</code>) since a raw brace is not allowed in a URL.
     * Nothing is expanded up front; {@link #count()} is the product of the group sizes.
     *
     * @throws TargetSyntaxException for an unclosed or empty group, a reversed range, a first
     *                               expansion that is not an http/https URL, or more than
     *                               {@value #MAX_PATTERN_URLS} URLs
     */
    public static UrlSource pattern(String pattern) {
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
                if (tooLargeAt < 0 && product.compareTo(BigInteger.valueOf(MAX_PATTERN_URLS)) > 0) {
                    tooLargeAt = g.position();
                }
            }
        }
        if (tooLargeAt >= 0) {
            throw Syntax.error("pattern expands to " + product + " URLs, at most " + MAX_PATTERN_URLS,
                    pattern, tooLargeAt);
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

        List<Object> frozen = List.copyOf(parts);
        long total = product.longValueExact();
        return new UrlSource(total, () -> new PatternIterator(frozen, total), "pattern " + Syntax.quote(pattern),
                i -> PatternIterator.at(frozen, i));
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
        if (checkAbsoluteUrl(url.toString()) instanceof Problem problem) {
            String hint = !pattern.contains("://") && checkAbsoluteUrl("http://" + url) instanceof URI
                    ? " (did you mean " + Syntax.quote("http://" + pattern) + "?)" : "";
            int position = groupPosition >= 0 ? groupPosition
                    : problem.position() < origin.size() ? origin.get(problem.position()) : pattern.length();
            throw Syntax.error("pattern " + Syntax.quote(pattern) + " does not give a valid URL: "
                    + problem.what() + " in " + Syntax.quote(url) + hint, pattern, position);
        }
    }

    /** How many URLs {@link #iterator()} yields. */
    @Override
    public long count() {
        return count;
    }

    @Override
    public Iterator<URI> iterator() {
        return iterators.get();
    }

    /**
     * True for a list, a pattern and a URL file of up to {@value LineIndex#MAX_LINES} URLs (read
     * through an index of where each URL's line starts, 8 bytes a URL, built on first use).
     */
    @Override
    public boolean randomAccess() {
        return lookup != null;
    }

    @Override
    public URI get(long index) {
        if (lookup == null) return TargetSource.super.get(index);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + count + ")");
        }
        return lookup.apply(index);
    }

    @Override
    public String toString() {
        return "UrlSource[" + description + ", " + count + " URLs]";
    }

    // ---------------------------------------------------------------------------------------
    // Checking one URL

    private record Problem(String what, int position) {
    }

    private static URI check(String url) {
        Object result = checkUrl(url);
        if (result instanceof Problem p) {
            throw Syntax.error("URL " + Syntax.quote(url) + ": " + p.what(), url, p.position());
        }
        return (URI) result;
    }

    /** The URI, or the Problem with it; a URL written without its scheme gets a suggestion. */
    private static Object checkUrl(String url) {
        Object result = checkAbsoluteUrl(url);
        if (result instanceof Problem p && !url.isEmpty() && !url.contains("://")
                && checkAbsoluteUrl("http://" + url) instanceof URI) {
            return new Problem(p.what() + " (did you mean " + Syntax.quote("http://" + url) + "?)", p.position());
        }
        return result;
    }

    private static Object checkAbsoluteUrl(String url) {
        if (url.isEmpty()) {
            return new Problem("empty URL", 0);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Problem(e.getReason().toLowerCase(Locale.ROOT), clamp(e.getIndex(), url));
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return new Problem("not an absolute URL (expected http:// or https://)", 0);
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            return new Problem("scheme '" + scheme + "' is not http or https", 0);
        }
        int afterScheme = scheme.length() + 1;
        int authorityAt = url.startsWith("//", afterScheme) ? afterScheme + 2 : afterScheme;
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return new Problem("no host (expected " + lower + "://host/...)", authorityAt);
        }
        try {
            uri = uri.parseServerAuthority();
        } catch (URISyntaxException e) {
            int index = e.getIndex() >= 0 ? e.getIndex() : authorityAt;
            return new Problem(e.getReason().toLowerCase(Locale.ROOT), clamp(index, url));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Problem("no host", authorityAt);
        }
        if (uri.getPort() > PortSpec.MAX_PORT || uri.getPort() == 0) {
            String authority = uri.getRawAuthority();
            return new Problem("port " + uri.getPort() + " is outside 1-65535",
                    clamp(authorityAt + authority.lastIndexOf(':') + 1, url));
        }
        return uri;
    }

    private static int clamp(int index, String text) {
        return index < 0 ? 0 : Math.min(index, text.length());
    }

    // ---------------------------------------------------------------------------------------
    // Files

    /** The URL on a line of a URL file, or null if the line is blank or a comment. */
    private static URI urlOnLine(String line) {
        int end = line.length();
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Syntax.isSpace(line.charAt(i - 1)))) {
                end = i;
                break;
            }
        }
        int from = 0;
        while (from < end && Syntax.isSpace(line.charAt(from))) {
            from++;
        }
        while (end > from && Syntax.isSpace(line.charAt(end - 1))) {
            end--;
        }
        if (from == end) {
            return null;
        }
        String url = line.substring(from, end);
        Object result = checkUrl(url);
        if (result instanceof Problem p) {
            throw Syntax.error("URL " + Syntax.quote(url) + ": " + p.what(), line, from + p.position());
        }
        return (URI) result;
    }


    private static final class FileIterator implements Iterator<URI> {
        private final Path file;
        private BufferedReader reader;
        private int lineNumber;
        private URI next;

        FileIterator(Path file) {
            this.file = file;
            try {
                reader = Syntax.openText(file);
            } catch (IOException e) {
                throw Syntax.cannotRead(file, "URL file", e);
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && reader != null) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    close();
                    throw Syntax.cannotRead(file, "URL file", e);
                }
                if (line == null) {
                    close();
                    break;
                }
                lineNumber++;
                try {
                    next = urlOnLine(line);
                } catch (TargetSyntaxException e) {
                    close();
                    throw Syntax.onLine(lineNumber, e);
                }
            }
            return next != null;
        }

        @Override
        public URI next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            URI result = next;
            next = null;
            return result;
        }

        private void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing more to read either way
            } finally {
                reader = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Patterns

    /** Literal text and, for each of its characters, its position in the pattern. */
    private record Literal(String text, int[] positions) {
    }

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
                    parts.add(new Literal(literal.toString(), positions.stream().mapToInt(Integer::intValue).toArray()));
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
                        throw Syntax.error("'{' inside a group (groups do not nest; write \\{ for a literal brace)",
                                pattern, j);
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
            parts.add(new Literal(literal.toString(), positions.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    private static Group group(String pattern, int open, List<Unit> units) {
        if (units.isEmpty()) {
            throw Syntax.error("empty group '{}' in pattern", pattern, open);
        }
        for (Unit u : units) {
            if (!allowedInGroup(u.c())) {
                throw Syntax.error("character " + Syntax.quote(u.c()) + " cannot appear in a pattern group",
                        pattern, u.position());
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
                    throw Syntax.error("reversed range '" + low + "-" + high + "' in pattern group", pattern,
                            u.position());
                }
                for (char c = low; c <= high; c++) {
                    if (!allowedInGroup(c)) {
                        throw Syntax.error("range '" + low + "-" + high + "' includes " + Syntax.quote(c)
                                + ", which cannot appear in a URL", pattern, u.position());
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
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
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
                throw new TargetSyntaxException("pattern gives an invalid URL " + Syntax.quote(url) + ": "
                        + e.getReason(), url, clamp(e.getIndex(), url));
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
