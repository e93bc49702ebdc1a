package org.fanout.engine.inputs;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** Conventional TCP service names for ports, and nmap's 100 most common TCP ports. */
public final class Services {
    /** name to port; several names may share a port (dns/domain). */
    private static final Map<String, Integer> PORT_BY_NAME = new HashMap<>();
    /** port to its preferred (first registered) name, "" for none: an array, as every result asks it. */
    private static final String[] NAME_BY_PORT = new String[65_536];

    /** nmap's 100 most frequently open TCP ports (nmap --top-ports 100), in ascending order. */
    private static final int[] TOP_100 = {
        7, 9, 13, 21, 22, 23, 25, 26, 37, 53, 79, 80, 81, 88, 106, 110, 111, 113, 119, 135, 139, 143, 144, 179, 199,
        389, 427, 443, 444, 445, 465, 513, 514, 515, 543, 544, 548, 554, 587, 631, 646, 873, 990, 993, 995, 1025, 1026,
        1027, 1028, 1029, 1110, 1433, 1720, 1723, 1755, 1900, 2000, 2001, 2049, 2121, 2717, 3000, 3128, 3306, 3389,
        3986, 4899, 5000, 5009, 5051, 5060, 5101, 5190, 5357, 5432, 5631, 5666, 5800, 5900, 6000, 6001, 6646, 7070,
        8000, 8008, 8009, 8080, 8081, 8443, 8888, 9100, 9999, 10000, 32768, 49152, 49153, 49154, 49155, 49156, 49157,
    };

    static {
        // The first name given for a port is the one nameOf() returns.
        add(7, "echo");
        add(9, "discard");
        add(13, "daytime");
        add(21, "ftp");
        add(22, "ssh");
        add(23, "telnet");
        add(25, "smtp");
        add(37, "time");
        add(43, "whois");
        add(53, "domain", "dns");
        add(70, "gopher");
        add(79, "finger");
        add(80, "http", "www");
        add(88, "kerberos");
        add(110, "pop3");
        add(111, "rpcbind", "sunrpc");
        add(113, "ident", "auth");
        add(119, "nntp");
        add(123, "ntp");
        add(135, "msrpc");
        add(139, "netbios-ssn");
        add(143, "imap");
        add(161, "snmp");
        add(179, "bgp");
        add(389, "ldap");
        add(443, "https");
        add(445, "microsoft-ds", "smb");
        add(465, "smtps");
        add(513, "login");
        add(514, "shell");
        add(515, "printer", "lpd");
        add(548, "afp");
        add(554, "rtsp");
        add(563, "nntps");
        add(587, "submission");
        add(631, "ipp");
        add(636, "ldaps");
        add(873, "rsync");
        add(989, "ftps-data");
        add(990, "ftps");
        add(993, "imaps");
        add(995, "pop3s");
        add(1080, "socks");
        add(1194, "openvpn");
        add(1433, "mssql", "ms-sql-s");
        add(1521, "oracle");
        add(1723, "pptp");
        add(1883, "mqtt");
        add(2049, "nfs");
        add(2181, "zookeeper");
        add(2375, "docker");
        add(2376, "docker-tls");
        add(3128, "squid");
        add(3306, "mysql");
        add(3389, "rdp", "ms-wbt-server");
        add(5060, "sip");
        add(5222, "xmpp");
        add(5432, "postgresql", "postgres");
        add(5672, "amqp");
        add(5900, "vnc");
        add(5984, "couchdb");
        add(5985, "winrm");
        add(5986, "winrm-https");
        add(6000, "x11");
        add(6379, "redis");
        add(6443, "kubernetes");
        add(6667, "irc");
        add(8080, "http-alt");
        add(8443, "https-alt");
        add(8883, "mqtts");
        add(9042, "cassandra");
        add(9092, "kafka");
        add(9100, "jetdirect");
        add(9200, "elasticsearch");
        add(9418, "git");
        add(11211, "memcached");
        add(27017, "mongodb");
    }

    private Services() {}

    private static void add(int port, String... names) {
        for (String name : names) {
            if (PORT_BY_NAME.put(name, port) != null) {
                throw new ExceptionInInitializerError("duplicate service name " + name);
            }
        }
        if (NAME_BY_PORT[port] == null) NAME_BY_PORT[port] = names[0];
    }

    /** The conventional TCP service name for {@code port} ("ssh" for 22), or "" if none is known. */
    public static String nameOf(int port) {
        String name = port >= 0 && port < NAME_BY_PORT.length ? NAME_BY_PORT[port] : null;
        return name == null ? "" : name;
    }

    /** The port of a service name, ignoring case ("SSH" gives 22); empty if the name is unknown. */
    public static OptionalInt portOf(String name) {
        if (name == null) {
            return OptionalInt.empty();
        }
        Integer port = PORT_BY_NAME.get(name.toLowerCase(Locale.ROOT));
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** nmap's 100 most common TCP ports, ascending; a fresh copy on each call. */
    public static int[] top100() {
        return TOP_100.clone();
    }

    /** Every service name {@link #portOf} knows, lower case, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(PORT_BY_NAME.keySet()));
    }
}
