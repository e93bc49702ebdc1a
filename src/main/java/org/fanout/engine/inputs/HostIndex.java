package org.fanout.engine.inputs;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Where a host stands in a parsed host list (the index {@link HostSpec#at} gives it), found by a
 * hash (names) or a binary search (address ranges, which {@link DistinctHosts} keeps apart), never
 * by walking the list: excluding a few hosts from {@code 127.0.0.0/8} looks up the few.
 *
 * <p>"The same host" is one rule, {@link #key}: a name written the same whatever its case, an
 * address whatever its spelling; the JDK reads {@code ::ffff:a.b.c.d} as the IPv4 address, so an
 * IPv4 address also finds its IPv4-mapped IPv6 form in the list.
 */
final class HostIndex {
    /** Names (items of one host) by {@link #key}: distinct as written, though two may share a key. */
    private final Map<String, List<Long>> names = new HashMap<>();
    /** IPv4 ranges sorted by first address, with the list index of each first. */
    private final long[] v4First;

    private final long[] v4Last;
    private final long[] v4Start;
    /** IPv6 ranges sorted by (hi, lo) unsigned, with the list index of each first. */
    private final long[] v6Hi;

    private final long[] v6Lo;
    private final long[] v6Count;
    private final long[] v6Start;

    private record Placed(HostItem item, long start) {}

    HostIndex(List<HostItem> items) {
        List<Placed> v4 = new ArrayList<>();
        List<Placed> v6 = new ArrayList<>();
        long start = 0;
        for (HostItem item : items) {
            switch (item) {
                case HostItem.Single s ->
                    names.computeIfAbsent(key(s.host()), k -> new ArrayList<>()).add(start);
                case HostItem.V4Range r -> v4.add(new Placed(r, start));
                case HostItem.V6Range r -> v6.add(new Placed(r, start));
            }
            start += item.count();
        }
        v4.sort(Comparator.comparingLong(p -> ((HostItem.V4Range) p.item()).first()));
        v4First = new long[v4.size()];
        v4Last = new long[v4.size()];
        v4Start = new long[v4.size()];
        for (int k = 0; k < v4.size(); k++) {
            HostItem.V4Range r = (HostItem.V4Range) v4.get(k).item();
            v4First[k] = r.first();
            v4Last[k] = r.last();
            v4Start[k] = v4.get(k).start();
        }
        v6.sort((a, b) -> compare(
                ((HostItem.V6Range) a.item()).hi(), ((HostItem.V6Range) a.item()).lo(),
                ((HostItem.V6Range) b.item()).hi(), ((HostItem.V6Range) b.item()).lo()));
        v6Hi = new long[v6.size()];
        v6Lo = new long[v6.size()];
        v6Count = new long[v6.size()];
        v6Start = new long[v6.size()];
        for (int k = 0; k < v6.size(); k++) {
            HostItem.V6Range r = (HostItem.V6Range) v6.get(k).item();
            v6Hi[k] = r.hi();
            v6Lo[k] = r.lo();
            v6Count[k] = r.count();
            v6Start[k] = v6.get(k).start();
        }
    }

    /** What makes two written hosts the same: an address's canonical text, else the name in lower case. */
    static String key(String host) {
        InetAddress literal = Resolver.literal(host);
        return literal != null ? literal.getHostAddress() : host.toLowerCase(Locale.ROOT);
    }

    /** Gives the list index of every host of the list that is the same as {@code host} (none, one, or two). */
    void indexesOf(String host, LongConsumer found) {
        String key = key(host);
        for (long named : names.getOrDefault(key, List.of())) found.accept(named);
        InetAddress literal = Resolver.literal(host);
        if (literal == null) return;
        byte[] b = literal.getAddress();
        if (b.length == 4) {
            long v = toLong(b, 0, 4);
            v4(v, found);
            v6(0, 0xFFFF_0000_0000L | v, found); // ::ffff:a.b.c.d written in the list
        } else {
            v6(toLong(b, 0, 8), toLong(b, 8, 8), found);
        }
    }

    private void v4(long v, LongConsumer found) {
        int lo = 0;
        int hi = v4First.length - 1;
        int at = -1; // the last range whose first address is at or below v
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (v4First[mid] <= v) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (at >= 0 && v <= v4Last[at]) found.accept(v4Start[at] + (v - v4First[at]));
    }

    private void v6(long high, long low, LongConsumer found) {
        int lo = 0;
        int hi = v6Hi.length - 1;
        int at = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(v6Hi[mid], v6Lo[mid], high, low) <= 0) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // a range's lo never wraps, so its addresses share its hi
        if (at >= 0 && v6Hi[at] == high && Long.compareUnsigned(low - v6Lo[at], v6Count[at]) < 0) {
            found.accept(v6Start[at] + (low - v6Lo[at]));
        }
    }

    private static int compare(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    private static long toLong(byte[] b, int from, int length) {
        long v = 0;
        for (int i = from; i < from + length; i++) v = (v << 8) | (b[i] & 0xFF);
        return v;
    }
}
