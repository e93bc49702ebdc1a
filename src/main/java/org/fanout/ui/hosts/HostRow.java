package org.fanout.ui.hosts;

import java.util.Comparator;
import org.fanout.ui.common.IpOrder;

/**
 * One host in the host view: for TCP whether it answered and its open ports, for HTTP how many
 * of its URLs were checked and the worst status among them.
 *
 * @param host    the host as written (TCP) or the URL's host[:port] (HTTP)
 * @param ip      the address (TCP; empty if unresolved or HTTP)
 * @param state   TCP: "alive" (answered on some port: open or refused) or "dead"; HTTP: the worst status,
 *                e.g. "503", or "error"
 * @param ports   TCP: the open ports, ascending, e.g. "22, 80, 443" (capped); HTTP: the worst URL
 * @param open    TCP: open ports; HTTP: URLs that answered
 * @param checked targets of this host checked
 * @param ipv4    {@code ip} as a number ({@link IpOrder#ipv4}), or -1: parsed once, for sorting
 */
public record HostRow(String host, String ip, String state, String ports, int open, int checked, long ipv4) {
    /**
     * By address as a number, as {@link IpOrder} orders the text: the table re-sorts every list
     * the view publishes, and parsing both addresses at each comparison took ~40% of the FX
     * thread's time on a scan of a million hosts with the view shown.
     */
    public static final Comparator<HostRow> BY_IP = (a, b) -> IpOrder.compare(a.ipv4, a.ip, b.ipv4, b.ip);
}
