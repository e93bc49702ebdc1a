package org.fanout.engine.inputs;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Targets less the hosts a second spec names ({@code --exclude-hosts}): a host is left out when
 * it is written the same (names, case ignored) or is the same address (literals, whatever their
 * spelling, {@code ::1} and {@code 0:0:0:0:0:0:0:1} alike: {@link HostIndex#key}). Names are
 * never resolved for this.
 *
 * <p>Where the hosts are a parsed list (not a file), the excluded ones are looked up in it and
 * the rest read at random, so the job keeps its random order and shards, and a {@code /8} less
 * a few hosts is counted at once rather than host by host.
 */
public final class ExcludedHosts implements TargetSource<Endpoint> {
    /** An exclusion list past this many hosts is refused: it is held in memory. */
    public static final long MAX_EXCLUDED = 1 << 20;

    private final TargetSource<Endpoint> targets;
    private final Set<String> excluded = new HashSet<>();
    private final long ports;
    /** The list indexes of the excluded hosts, sorted; null where the list cannot be read at random. */
    private final long[] gone;

    private final long count;

    /**
     * @param targets  what to scan
     * @param hosts    the hosts those targets are made of (to count what is left)
     * @param ports    ports per host
     * @param excluded the hosts to leave out
     */
    public ExcludedHosts(TargetSource<Endpoint> targets, HostSpec hosts, long ports, HostSpec excluded) {
        if (excluded.count() > MAX_EXCLUDED) {
            throw new TargetSyntaxException(
                    "at most " + MAX_EXCLUDED + " hosts can be excluded, got " + excluded.count());
        }
        this.targets = targets;
        this.ports = ports;
        for (String h : excluded) this.excluded.add(HostIndex.key(h));
        this.gone = targets.randomAccess() ? hosts.indexesOf(excluded) : null;
        if (gone != null) {
            this.count = (hosts.count() - gone.length) * ports;
        } else {
            long left = 0;
            for (String h : hosts) {
                if (!this.excluded.contains(HostIndex.key(h))) left++;
            }
            this.count = left * ports;
        }
    }

    @Override
    public boolean randomAccess() {
        return gone != null;
    }

    /** The {@code index}-th target left: that of the {@code index / ports}-th host not excluded. */
    @Override
    public Endpoint get(long index) {
        if (gone == null) return TargetSource.super.get(index);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + count + ")");
        }
        long kept = index / ports;
        // the first excluded host with more kept hosts before it than `kept`: the host is past the j before it
        int lo = 0;
        int hi = gone.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gone[mid] - mid > kept) hi = mid;
            else lo = mid + 1;
        }
        return targets.get((kept + lo) * ports + index % ports);
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public Iterator<Endpoint> iterator() {
        Iterator<Endpoint> all = targets.iterator();
        return new Iterator<>() {
            private Endpoint next;
            private String lastHost; // endpoints come host by host: decide once per host
            private boolean lastExcluded;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    Endpoint e = all.next();
                    if (!e.host().equals(lastHost)) {
                        lastHost = e.host();
                        lastExcluded = excluded.contains(HostIndex.key(lastHost));
                    }
                    if (!lastExcluded) next = e;
                }
                return next != null;
            }

            @Override
            public Endpoint next() {
                if (!hasNext()) throw new NoSuchElementException();
                Endpoint e = next;
                next = null;
                return e;
            }
        };
    }
}
