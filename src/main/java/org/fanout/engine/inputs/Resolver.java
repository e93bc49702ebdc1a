package org.fanout.engine.inputs;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into an address. The engine resolves every host through this interface,
 * once per host, so that tests can supply a resolver of their own and no DNS query ever leaves
 * the machine during a test.
 */
@FunctionalInterface
public interface Resolver {
    InetAddress resolve(String host) throws UnknownHostException;

    /**
     * Literal IPv4/IPv6 addresses are parsed without any lookup; names go to the system resolver
     * (which answers {@code localhost} and names in /etc/hosts locally).
     */
    static Resolver system() {
        return host -> {
            InetAddress literal = literal(host);
            return literal != null ? literal : InetAddress.getByName(host);
        };
    }

    /** The address written in {@code host} if it is an IP literal, else null; never a lookup. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return InetAddress.ofLiteral(h);
        } catch (IllegalArgumentException notLiteral) {
            return null;
        }
    }
}
