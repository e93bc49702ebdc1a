package org.fanout.engine.inputs;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A lazy, re-iterable sequence of absolute http/https URLs: from a list, from a file (one URL
 * per line), or from a pattern whose {@code {...}} groups expand lazily.
 */
public final class UrlSource implements TargetSource<URI> {
    /** The most URLs a pattern may expand to. */
    public static final long MAX_PATTERN_URLS = UrlPattern.MAX_URLS;

    private final LazySequence<URI> urls;

    private UrlSource(LazySequence<URI> urls) {
        this.urls = urls;
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
            checked.add(UrlCheck.check(url == null ? "" : url));
        }
        List<URI> frozen = List.copyOf(checked);
        return new UrlSource(new LazySequence<>(
                frozen.size(), frozen::iterator, frozen.size() + " URLs", i -> frozen.get(Math.toIntExact(i))));
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
            return new UrlSource(new LazySequence<>(total, () -> urlsOf(file), "URL file " + file));
        }
        LineIndex index = new LineIndex(file, line -> urlOnLine(line) != null, "URL file");
        return new UrlSource(
                new LazySequence<>(total, () -> urlsOf(file), "URL file " + file, i -> urlOnLine(index.line(i))));
    }

    /**
     * URLs generated from a pattern (the language is described in {@code UrlPattern}): each
     * {@code {...}} group stands for a set of strings, e.g. {@code {a-z}}, {@code {001-100}} or
     * {@code {www,api}}, and the URLs run through every combination in odometer order (the last
     * group changes fastest). Nothing is expanded up front; {@link #count()} is the product of
     * the group sizes.
     *
     * @throws TargetSyntaxException for an unclosed or empty group, a reversed range, a first
     *                               expansion that is not an http/https URL, or more than
     *                               {@value #MAX_PATTERN_URLS} URLs
     */
    public static UrlSource pattern(String pattern) {
        UrlPattern parsed = UrlPattern.parse(pattern);
        return new UrlSource(
                new LazySequence<>(parsed.count(), parsed::iterator, "pattern " + Syntax.quote(pattern), parsed::at));
    }

    /** How many URLs {@link #iterator()} yields. */
    @Override
    public long count() {
        return urls.count();
    }

    @Override
    public Iterator<URI> iterator() {
        return urls.iterator();
    }

    /**
     * True for a list, a pattern and a URL file of up to {@value LineIndex#MAX_LINES} URLs (read
     * through an index of where each URL's line starts, 8 bytes a URL, built on first use).
     */
    @Override
    public boolean randomAccess() {
        return urls.randomAccess();
    }

    @Override
    public URI get(long index) {
        if (!urls.randomAccess()) return TargetSource.super.get(index);
        return urls.at(index);
    }

    @Override
    public String toString() {
        return "UrlSource[" + urls.description() + ", " + urls.count() + " URLs]";
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
        Object result = UrlCheck.checkUrl(url);
        if (result instanceof UrlCheck.Problem p) {
            throw Syntax.error("URL " + Syntax.quote(url) + ": " + p.what(), line, from + p.position());
        }
        return (URI) result;
    }

    /** Reads a URL file line by line. */
    private static Iterator<URI> urlsOf(Path file) {
        return new LineFileIterator<>(file, "URL file", line -> {
            URI url = urlOnLine(line);
            return url == null ? Collections.emptyIterator() : List.of(url).iterator();
        });
    }
}
