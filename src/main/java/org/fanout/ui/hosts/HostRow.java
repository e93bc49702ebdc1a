package org.fanout.ui.hosts;

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
 */
public record HostRow(String host, String ip, String state, String ports, int open, int checked) {}
