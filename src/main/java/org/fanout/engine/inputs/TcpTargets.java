package org.fanout.engine.inputs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Every host of a {@link HostSpec} crossed with every port of a {@link PortSpec}: hosts outer,
 * ports inner, produced lazily. Through the given {@link Resolver}, an iteration resolves each
 * host when its first endpoint is produced, and {@link #get} when it is asked for one (an IP
 * literal only when the index moves to another host); a host that does not resolve yields
 * endpoints with a null address and {@code resolveError} {@value #UNKNOWN_HOST}.
 */
public final class TcpTargets implements TargetSource<Endpoint> {
    /** The {@link Endpoint#resolveError()} of a host the resolver could not resolve. */
    public static final String UNKNOWN_HOST = "unknown_host";

    private final HostSpec hosts;
    private final PortSpec ports;
    private final Resolver resolver;
    private volatile int[] portList;
    private volatile Resolved lastHost; // a benign race: any thread's is right for its index

    public TcpTargets(HostSpec hosts, PortSpec ports, Resolver resolver) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public HostSpec hosts() {
        return hosts;
    }

    public PortSpec ports() {
        return ports;
    }

    /** hosts × ports. */
    @Override
    public long count() {
        return hosts.count() * ports.count();
    }

    /** True unless the hosts come from a file, which is read line by line. */
    @Override
    public boolean randomAccess() {
        return hosts.randomAccess();
    }

    /** The endpoint at {@code index}: host {@code index / ports}, port {@code index % ports}. */
    @Override
    public Endpoint get(long index) {
        if (index < 0 || index >= count()) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + count() + ")");
        }
        int[] portList = portArray();
        long hostIndex = index / portList.length;
        int port = portList[(int) (index % portList.length)];
        Resolved host = lastHost;
        if (host == null || host.index() != hostIndex) {
            String name = hosts.at(hostIndex);
            InetAddress address;
            try {
                address = resolver.resolve(name);
            } catch (UnknownHostException e) {
                address = null;
            }
            host = new Resolved(hostIndex, name, address);
            // a name is looked up each time (a lookup that failed may succeed later); a literal
            // is the same address whenever it is parsed
            lastHost = literalLooking(name) ? host : null;
        }
        return new Endpoint(host.name(), host.address(), port, host.address() == null ? UNKNOWN_HOST : null);
    }

    /**
     * Whether {@code name} is written as an IP address: digits and dots, or a colon (which no host
     * name has). A character check, not a second parse of every host of a scan of many.
     */
    private static boolean literalLooking(String name) {
        if (name.indexOf(':') >= 0) return true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < '0' || c > '9') && c != '.') return false;
        }
        return !name.isEmpty();
    }

    /**
     * The IP literal {@link #get} parsed last, kept because the next index is mostly on the same
     * host (every index is, on a scan of one host in random order): writing and parsing its
     * address again took ~1 us per target, ~5% of a full-range scan's CPU.
     */
    private record Resolved(long index, String name, InetAddress address) {}

    private int[] portArray() {
        int[] array = portList;
        if (array == null) {
            array = ports.toArray();
            portList = array; // a benign race: every thread computes the same array
        }
        return array;
    }

    @Override
    public Iterator<Endpoint> iterator() {
        if (ports.isEmpty()) {
            return Collections.emptyIterator(); // no host is resolved for nothing
        }
        int[] portList = ports.toArray();
        Iterator<String> hostIterator = hosts.iterator();
        return new Iterator<>() {
            private String host;
            private InetAddress address;
            private String resolveError;
            private int nextPort = portList.length; // forces a move to the first host

            @Override
            public boolean hasNext() {
                return nextPort < portList.length || hostIterator.hasNext();
            }

            @Override
            public Endpoint next() {
                if (nextPort >= portList.length) {
                    if (!hostIterator.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    host = hostIterator.next();
                    resolve();
                    nextPort = 0;
                }
                return new Endpoint(host, address, portList[nextPort++], resolveError);
            }

            private void resolve() {
                try {
                    address = resolver.resolve(host);
                    resolveError = address == null ? UNKNOWN_HOST : null;
                } catch (UnknownHostException e) {
                    address = null;
                    resolveError = UNKNOWN_HOST;
                }
            }
        };
    }

    @Override
    public String toString() {
        return "TcpTargets[" + hosts + " x " + ports.count() + " ports]";
    }
}
