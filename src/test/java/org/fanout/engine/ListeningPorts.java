package org.fanout.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ports something on this machine listens on right now (Linux /proc/net/tcp{,6}), so a
 * full-range test can leave alone the ports it did not open: it never touches them, and they
 * do not disturb what it expects.
 */
public final class ListeningPorts {
    private ListeningPorts() {}

    /** Connections from this machine to {@code remotePort} still established (our client side). */
    public static long establishedTo(int remotePort) {
        long n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3
                            && f[3].equals("01")
                            && Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16) == remotePort) n++;
                }
            } catch (IOException | RuntimeException notLinux) {
                // nothing to count
            }
        }
        return n;
    }

    public static Set<Integer> now() {
        Set<Integer> ports = new TreeSet<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[3].equals("0A")) { // TCP_LISTEN
                        String local = f[1];
                        ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException notLinux) {
                // no such table: nothing known to exclude
            }
        }
        return ports;
    }
}
