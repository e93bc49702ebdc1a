package org.fanout.engine.probe;

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
 */
public record TcpResult(String host, String ip, int port, String service, TcpState state,
                        long latencyNanos, String banner, String error) implements ProbeResult {
    @Override
    public String outcome() {
        return state.label();
    }

    @Override
    public String targetKey() {
        return key(host, port);
    }

    public static String key(String host, int port) {
        return host + "\t" + port;
    }
}
