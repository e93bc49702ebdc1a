package org.fanout.engine.inputs;

import java.net.InetAddress;

/**
 * Finds the name of an address (reverse DNS). Only used when asked ({@code --resolve-names}):
 * for any address but loopback the query leaves the machine. Tests give their own.
 */
@FunctionalInterface
public interface ReverseResolver {
    /** The address's name, or null when it has none. */
    String nameOf(InetAddress address);

    /** The operating system's resolver (PTR lookups through the configured DNS). */
    static ReverseResolver system() {
        return address -> {
            String name = address.getCanonicalHostName();
            return name == null || name.equals(address.getHostAddress()) ? null : name;
        };
    }
}
