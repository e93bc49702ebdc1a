package org.fanout.engine.probe;

import java.util.Arrays;
import java.util.List;

/**
 * The result of one TCP connect probe.
 *
 * @param host         the host as the user wrote it
 * @param ip           the address connected to, as text ("" if it could not be resolved)
 * @param port         1-65535
 * @param service      the conventional service name for the port ("ssh"), or ""
 * @param state        open / closed / filtered / error
 * @param latencyNanos time taken by the connect attempt that decided the state
 * @param banner       the first line the server sent (only with banner grabbing), or null
 * @param error        why the state is {@code error} or {@code filtered} ("timeout",
 *                     "unknown_host", "unreachable"...), or null
 * @param certificate  the certificate an open port presented to a TLS handshake (only when asked), or null
 * @param name         the address's name by reverse DNS (only when asked and one was found), or null
 */
public record TcpResult(
        String host,
        String ip,
        int port,
        String service,
        TcpState state,
        long latencyNanos,
        String banner,
        String error,
        CertificateInfo certificate,
        String name)
        implements ProbeResult {
    /** Every {@link #category()}, in display order: the state labels. */
    public static final List<String> CATEGORIES =
            Arrays.stream(TcpState.values()).map(TcpState::label).toList();

    /** A result without certificate or name. */
    public TcpResult(
            String host,
            String ip,
            int port,
            String service,
            TcpState state,
            long latencyNanos,
            String banner,
            String error) {
        this(host, ip, port, service, state, latencyNanos, banner, error, null, null);
    }

    /** This result with a certificate added. */
    public TcpResult withCertificate(CertificateInfo c) {
        return new TcpResult(host, ip, port, service, state, latencyNanos, banner, error, c, name);
    }

    /** This result with a reverse DNS name added. */
    public TcpResult withName(String n) {
        return new TcpResult(host, ip, port, service, state, latencyNanos, banner, error, certificate, n);
    }

    @Override
    public String outcome() {
        return stateOrError().label();
    }

    @Override
    public String category() {
        return categoryOfOutcome(outcome());
    }

    @Override
    public boolean isAnswered() {
        return state == TcpState.OPEN || state == TcpState.CLOSED;
    }

    @Override
    public String errorKind() {
        return stateOrError() == TcpState.ERROR ? ErrorKinds.orUnknown(error) : null;
    }

    /** The category of an outcome counted from TCP results: a state is its own category. */
    public static String categoryOfOutcome(String outcome) {
        return outcome;
    }

    /** Without a state (never from a probe) a result can only be an error. */
    private TcpState stateOrError() {
        return state == null ? TcpState.ERROR : state;
    }

    @Override
    public String targetKey() {
        return key(host, port);
    }

    public static String key(String host, int port) {
        return host + "\t" + port;
    }
}
