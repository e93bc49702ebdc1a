package org.fanout.engine;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.ReverseResolver;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.probe.TlsInspector;

/**
 * What a TCP scan learns after a port answered: the TLS certificate of an open port
 * ({@code --tls}) and the name of an address that answered, open or closed
 * ({@code --resolve-names}). Done after the strategy's probe, off its threads (see
 * {@link FollowUps}), so it works the same under every strategy and never blocks an event loop.
 *
 * @param tlsTimeout deadline of each TLS handshake, or null for no TLS
 * @param names      the reverse resolver, or null for no names
 * @param trustFile  PEM file of the certificates TLS trusts, or null for the JDK's trust store
 */
public record AnsweredPorts(Duration tlsTimeout, ReverseResolver names, Path trustFile) {
    public AnsweredPorts(Duration tlsTimeout, ReverseResolver names) {
        this(tlsTimeout, names, null);
    }

    public static AnsweredPorts none() {
        return new AnsweredPorts(null, null);
    }

    boolean any() {
        return tlsTimeout != null || names != null;
    }

    /** The follow-up work for one scan (each address is looked up once per scan). */
    FollowUps.Work<TcpResult> work() {
        TlsInspector inspector = tlsTimeout == null ? null : new TlsInspector(tlsTimeout, trustFile);
        Map<String, CompletableFuture<String>> known = new ConcurrentHashMap<>();
        return new FollowUps.Work<>() {
            @Override
            public boolean wanted(TcpResult r) {
                return (inspector != null && r.state() == TcpState.OPEN) || (names != null && r.isAnswered());
            }

            @Override
            public TcpResult apply(TcpResult r) {
                InetAddress address = InetAddress.ofLiteral(r.ip());
                if (inspector != null && r.state() == TcpState.OPEN) {
                    r = r.withCertificate(inspector.inspect(new Endpoint(r.host(), address, r.port())));
                }
                if (names != null) r = r.withName(nameOf(address));
                return r;
            }

            private String nameOf(InetAddress address) {
                CompletableFuture<String> mine = new CompletableFuture<>();
                CompletableFuture<String> first = known.putIfAbsent(address.getHostAddress(), mine);
                if (first != null) return first.join();
                try {
                    mine.complete(names.nameOf(address));
                } catch (RuntimeException e) {
                    mine.complete(null);
                }
                return mine.join();
            }
        };
    }
}
