package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanout.engine.inputs.Services;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;

/**
 * The packed form of closed ports (table {@code tcp_closed}, migration V3): the closed ports of
 * one host within one batch of results are one row, their ports, latencies and places in the
 * run's order of arrival as comma-separated lists. A row per refused port cost a full-range scan
 * ~45% of its time; a pack per host and batch costs next to nothing (bench/RESULTS.md).
 *
 * <p>Only what reads back whole is packed: a closed port whose banner, error and service name
 * are what every refused connect has. A host with fewer than {@value #MIN_PORTS} such ports in a
 * batch (a sweep of many hosts) keeps rows: a pack of one port would cost more than its row.
 */
final class ClosedPorts {
    static final int MIN_PORTS = 8;

    static final String INSERT = "INSERT INTO tcp_closed"
            + " (run_id, host, ip, first_seq, last_seq, port_count, ports, latencies_us, seqs)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A query of packs, its columns as {@link Pack#read} takes them; the condition follows. */
    static final String SELECT =
            "SELECT host, ip, first_seq, port_count, ports, latencies_us, seqs, last_seq FROM tcp_closed WHERE ";

    private ClosedPorts() {}

    /** One host's closed ports in one batch, as a row of {@code tcp_closed} holds them. */
    record Pack(String host, String ip, long firstSeq, int[] ports, long[] latencyMicros, long[] seqs) {
        int count() {
            return ports.length;
        }

        long lastSeq() {
            return seqs[seqs.length - 1];
        }

        /** The {@code i}th port's result, as it was recorded. */
        TcpResult result(int i) {
            long micros = latencyMicros[i];
            return new TcpResult(
                    host,
                    ip,
                    ports[i],
                    Services.nameOf(ports[i]),
                    TcpState.CLOSED,
                    micros < 0 ? -1 : micros * 1000,
                    null,
                    null);
        }

        void bind(PreparedStatement insert, long runId) throws SQLException {
            insert.setLong(1, runId);
            insert.setString(2, host);
            insert.setString(3, ip);
            insert.setLong(4, firstSeq);
            insert.setLong(5, lastSeq());
            insert.setInt(6, count());
            StringBuilder text = new StringBuilder(count() * 6);
            for (int i = 0; i < ports.length; i++) (i == 0 ? text : text.append(',')).append(ports[i]);
            insert.setString(7, text.toString());
            text.setLength(0);
            for (int i = 0; i < ports.length; i++) {
                if (i > 0) text.append(',');
                if (latencyMicros[i] >= 0) text.append(latencyMicros[i]);
            }
            insert.setString(8, text.toString());
            text.setLength(0);
            for (int i = 0; i < ports.length; i++) (i == 0 ? text : text.append(',')).append(seqs[i] - firstSeq);
            insert.setString(9, text.toString());
        }

        /** A pack read back from a row of {@link #SELECT}. */
        static Pack read(ResultSet row) throws SQLException {
            String host = row.getString(1);
            String ip = row.getString(2);
            long firstSeq = row.getLong(3);
            int count = row.getInt(4);
            String where = "tcp_closed row of " + host + " from seq " + firstSeq;
            long[] ports = numbers(row.getString(5), count, 0, false, where);
            long[] latencies = numbers(row.getString(6), count, 0, true, where);
            long[] seqs = numbers(row.getString(7), count, firstSeq, false, where);
            // What the writer never makes is damage, not data: a port twice, an order not its own.
            int[] p = new int[count];
            BitSet seen = new BitSet(65_536);
            for (int i = 0; i < count; i++) {
                if (ports[i] < 1 || ports[i] > 65_535 || seen.get((int) ports[i])) {
                    throw new SQLException(where + ": damaged (port " + ports[i] + ")");
                }
                seen.set((int) ports[i]);
                p[i] = (int) ports[i];
                if (i == 0 ? seqs[0] != firstSeq : seqs[i] <= seqs[i - 1]) {
                    throw new SQLException(where + ": damaged (its order of arrival)");
                }
            }
            if (seqs[count - 1] != row.getLong(8)) throw new SQLException(where + ": damaged (last_seq)");
            return new Pack(host, ip, firstSeq, p, latencies, seqs);
        }
    }

    /** The ports run {@code runId} has packed, by host. */
    static Map<String, BitSet> packed(Connection c, long runId) throws SQLException {
        Map<String, BitSet> ports = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(SELECT + "run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Pack pack = Pack.read(rows);
                    BitSet of = ports.computeIfAbsent(pack.host(), h -> new BitSet());
                    for (int port : pack.ports()) of.set(port);
                }
            }
        }
        return ports;
    }

    /** Whether {@code r} reads back whole from a pack: closed, and nothing to say but its latency. */
    static boolean packable(TcpResult r) {
        return r.state() == TcpState.CLOSED
                && r.port() >= 1
                && r.port() <= 65_535
                && r.banner() == null
                && r.error() == null
                && r.name() == null
                && r.certificate() == null
                && (r.service() == null ? "" : r.service()).equals(Services.nameOf(r.port()));
    }

    /**
     * Splits a batch whose first result takes {@code firstSeq} (the i-th takes firstSeq + i): the
     * packs of hosts with at least {@link #MIN_PORTS} packable results in it, and which results
     * they took ({@code packed[i]}); the rest are rows. A result whose address is not the one its
     * host's first result had stays a row. Each result's work is a method call of its own: a short
     * run's loops are interpreted until compiled, its methods compiled after a few hundred calls.
     */
    static List<Pack> split(List<?> batch, long firstSeq, boolean[] packed) {
        Map<String, HostPorts> byHost = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) take(byHost, batch.get(i), i);
        List<Pack> packs = new ArrayList<>();
        for (HostPorts host : byHost.values()) {
            if (host.count >= MIN_PORTS) packs.add(host.pack(batch, firstSeq, packed));
        }
        return packs;
    }

    private static void take(Map<String, HostPorts> byHost, Object result, int index) {
        if (!(result instanceof TcpResult r) || !packable(r)) return;
        HostPorts host = byHost.get(r.host());
        if (host == null) byHost.put(r.host(), host = new HostPorts(r.host(), ipOf(r)));
        if (host.ip.equals(ipOf(r))) host.add(index);
    }

    private static String ipOf(TcpResult r) {
        return r.ip() == null ? "" : r.ip(); // as a row records it
    }

    /** The packable results of one host in a batch, by index. */
    private static final class HostPorts {
        final String host;
        final String ip;
        int[] indexes = new int[16];
        int count;

        HostPorts(String host, String ip) {
            this.host = host;
            this.ip = ip;
        }

        void add(int index) {
            if (count == indexes.length) indexes = Arrays.copyOf(indexes, count * 2);
            indexes[count++] = index;
        }

        Pack pack(List<?> batch, long firstSeq, boolean[] packed) {
            int[] ports = new int[count];
            long[] micros = new long[count];
            long[] seqs = new long[count];
            for (int j = 0; j < count; j++) {
                int i = indexes[j];
                TcpResult r = (TcpResult) batch.get(i);
                ports[j] = r.port();
                micros[j] = ResultTables.micros(r.latencyNanos());
                seqs[j] = firstSeq + i;
                packed[i] = true;
            }
            return new Pack(host, ip, seqs[0], ports, micros, seqs);
        }
    }

    /**
     * The {@code count} numbers of a list as {@link Pack#bind} writes it, each plus {@code base};
     * an empty element (where allowed) is -1.
     */
    private static long[] numbers(String list, int count, long base, boolean emptyAllowed, String where)
            throws SQLException {
        if (list == null || count < 1) throw new SQLException(where + ": no ports");
        long[] out = new long[count];
        int k = 0;
        long value = 0;
        boolean empty = true;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == ',') {
                if (k == count || (empty && !emptyAllowed)) {
                    k = -1;
                    break;
                }
                out[k++] = empty ? -1 : base + value;
                value = 0;
                empty = true;
            } else if (c >= '0' && c <= '9' && value < Long.MAX_VALUE / 10) {
                value = value * 10 + (c - '0');
                empty = false;
            } else {
                k = -1;
                break;
            }
        }
        if (k != count) throw new SQLException(where + ": a list is not " + count + " numbers");
        return out;
    }
}
