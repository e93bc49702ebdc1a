package org.fanout.engine.inputs;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Targets less the hosts a second spec names ({@code --exclude-hosts}): a host is left out when
 * it is written the same (names, case ignored) or is the same address (literals, whatever their
 * spelling, {@code ::1} and {@code 0:0:0:0:0:0:0:1} alike). Names are never resolved for this.
 */
public final class ExcludedHosts implements TargetSource<Endpoint> {
    /** An exclusion list past this many hosts is refused: it is held in memory. */
    public static final long MAX_EXCLUDED = 1 << 20;

    private final TargetSource<Endpoint> targets;
    private final Set<String> excluded = new HashSet<>();
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
        for (String h : excluded) this.excluded.add(key(h));
        long left = 0;
        for (String h : hosts) {
            if (!this.excluded.contains(key(h))) left++;
        }
        this.count = left * ports;
    }

    private static String key(String host) {
        InetAddress literal = Resolver.literal(host);
        return literal != null ? literal.getHostAddress() : host.toLowerCase(Locale.ROOT);
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
                        lastExcluded = excluded.contains(key(lastHost));
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
