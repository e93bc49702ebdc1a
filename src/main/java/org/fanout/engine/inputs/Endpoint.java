package org.fanout.engine.inputs;

import java.net.InetAddress;

/**
 * One TCP target: a host as the user wrote it, its address (resolved once per host) and a port.
 * {@code address} is null when the host could not be resolved; {@code resolveError} then says why.
 */
public record Endpoint(String host, InetAddress address, int port, String resolveError) {
    public Endpoint(String host, InetAddress address, int port) {
        this(host, address, port, null);
    }

    /** The address as text, e.g. {@code 127.0.0.1} or {@code ::1}; empty if unresolved. */
    public String ip() {
        return AddressText.of(address);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
