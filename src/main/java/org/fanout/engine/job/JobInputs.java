package org.fanout.engine.job;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;

/**
 * The one check of each job input that is not a target syntax (those are {@code engine.inputs}'
 * parsers). Each throws an {@link IllegalArgumentException} whose message names no option or
 * field: the CLI prefixes its option's name, the app shows it beside its field.
 */
public final class JobInputs {
    private JobInputs() {}

    /** A thread count as typed: a whole number 1-100,000 (the CLI's --threads and the app's Threads). */
    public static int threads(String text) {
        return wholeNumber(text, 1, ScanSettings.MAX_THREADS);
    }

    /** A count as typed: a whole number {@code min}-{@code max}, spaces around it allowed. */
    public static int wholeNumber(String text, int min, int max) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException notANumber) {
            // said below, as for a number out of range
        }
        throw new IllegalArgumentException("must be a whole number " + String.format(Locale.ROOT, "%,d", min) + "-"
                + String.format(Locale.ROOT, "%,d", max) + ", got '" + text + "'");
    }

    /** Extra attempts, 0-10. */
    public static int retries(int n) {
        if (n < 0 || n > JobDefaults.MAX_RETRIES) {
            throw new IllegalArgumentException("must be 0-" + JobDefaults.MAX_RETRIES + ", got " + n);
        }
        return n;
    }

    /** Redirect hops, 0-50. */
    public static int maxRedirects(int n) {
        if (n < 0 || n > JobDefaults.MAX_REDIRECTS_LIMIT) {
            throw new IllegalArgumentException("must be 0-" + JobDefaults.MAX_REDIRECTS_LIMIT + ", got " + n);
        }
        return n;
    }

    /** HEAD or GET, any case and spacing; returned upper case. */
    public static String method(String text) {
        String m = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (!m.equals("HEAD") && !m.equals("GET"))
            throw new IllegalArgumentException("must be HEAD or GET, got '" + text + "'");
        return m;
    }

    /** A deadline: more than zero. */
    public static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("must be positive");
        return d;
    }

    /** Worker processes: null (one per core) or 1-256. */
    public static Integer workers(Integer n) {
        if (n != null && (n < 1 || n > ScanSettings.MAX_WORKERS)) {
            throw new IllegalArgumentException("must be 1-" + ScanSettings.MAX_WORKERS + ", got " + n);
        }
        return n;
    }

    /**
     * Hosts x ports, at most {@link JobDefaults#MAX_TARGETS} of them.
     *
     * @throws IllegalArgumentException when no port is left or the product is too large
     */
    public static TcpTargets tcpTargets(HostSpec hosts, PortSpec ports, Resolver resolver) {
        if (ports.isEmpty()) throw new IllegalArgumentException("no port left to scan");
        long total = hosts.count() * ports.count();
        if (total > JobDefaults.MAX_TARGETS || total < 0) {
            throw new IllegalArgumentException("too many targets: " + hosts.count() + " hosts x " + ports.count()
                    + " ports = " + total + " (at most " + JobDefaults.MAX_TARGETS + "); narrow the hosts or ports");
        }
        return new TcpTargets(hosts, ports, resolver);
    }

    /**
     * Thread counts from text such as {@code 1,10,100,1000} or {@code 1k, 2000}: commas,
     * semicolons or spaces between; each 1-100,000; a {@code k} suffix means thousands; an
     * underscore may group digits. Sorted, without duplicates. {@code compare --threads} and the
     * Compare window both read their lists here.
     *
     * @throws IllegalArgumentException saying which item is wrong and why
     */
    public static List<Integer> threadCounts(String text) {
        String t = text == null ? "" : text.strip();
        String[] items = t.split("\\s*[,;]\\s*|\\s+", -1);
        if (t.isEmpty() || Arrays.stream(items).allMatch(String::isEmpty)) {
            throw new IllegalArgumentException("enter at least one, e.g. " + JobDefaults.COMPARE_THREADS);
        }
        TreeSet<Integer> counts = new TreeSet<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].replace("_", "");
            if (item.isEmpty()) {
                if (i == items.length - 1) continue; // a trailing separator
                throw new IllegalArgumentException("item " + (i + 1) + " is empty: not a thread count");
            }
            long value;
            try {
                boolean k = item.toLowerCase(Locale.ROOT).endsWith("k");
                value = Long.parseLong(k ? item.substring(0, item.length() - 1) : item) * (k ? 1000 : 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + items[i] + "' is not a whole number (item " + (i + 1) + ")");
            }
            if (value < 1 || value > ScanSettings.MAX_THREADS) {
                throw new IllegalArgumentException(items[i] + " is out of range 1-"
                        + String.format(Locale.ROOT, "%,d", ScanSettings.MAX_THREADS) + " (item " + (i + 1) + ")");
            }
            counts.add((int) value);
        }
        return List.copyOf(counts);
    }
}
