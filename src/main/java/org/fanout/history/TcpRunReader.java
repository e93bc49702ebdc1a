package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.ResultKind;

/**
 * A TCP run's results: the rows of {@code tcp_results} and the ports packed in {@code tcp_closed}
 * ({@link ClosedPorts}) merged into one stream, in the order they arrived or in target order.
 * Memory holds the packs being merged: those of one batch (arrival), or one host's (target order).
 */
abstract sealed class TcpRunReader implements ResultCursor {
    private final PreparedStatement rowsStatement;
    private final PreparedStatement packsStatement;
    final ResultSet rows;
    final ResultSet packs;

    /** Runs both queries; a subclass reads ahead in its constructor: its factory closes both statements if that fails. */
    private TcpRunReader(PreparedStatement rowsStatement, PreparedStatement packsStatement) throws SQLException {
        this.rowsStatement = rowsStatement;
        this.packsStatement = packsStatement;
        this.rows = rowsStatement.executeQuery();
        this.packs = packsStatement.executeQuery();
    }

    /** The results of run {@code runId} in the order they arrived. */
    static TcpRunReader inArrivalOrder(Connection c, long runId) throws SQLException {
        PreparedStatement rows = null;
        PreparedStatement packs = null;
        try {
            rows = ResultTables.prepare(c, ResultTables.select(ResultKind.TCP, false, null, 1), List.of(runId));
            packs = ResultTables.prepare(c, ClosedPorts.SELECT + "run_id = ? ORDER BY first_seq", List.of(runId));
            return new ArrivalOrder(rows, packs);
        } catch (SQLException | RuntimeException e) {
            closeBoth(e, rows, packs);
            throw e;
        }
    }

    /** The results of the runs {@code runIds} (the disjoint shards of one job) in target order, as {@link RunDiff} walks them. */
    static TcpRunReader inKeyOrder(Connection c, Dialect dialect, List<Long> runIds) throws SQLException {
        PreparedStatement rows = null;
        PreparedStatement packs = null;
        try {
            rows = ResultTables.prepare(c, ResultTables.select(ResultKind.TCP, true, dialect, runIds.size()), runIds);
            packs = ResultTables.prepare(
                    c,
                    ClosedPorts.SELECT + ResultTables.runIds(runIds.size()) + " ORDER BY " + dialect.orderedText("host")
                            + ", first_seq",
                    runIds);
            return new KeyOrder(rows, packs);
        } catch (SQLException | RuntimeException e) {
            closeBoth(e, rows, packs);
            throw e;
        }
    }

    /** Closes what a reader that could not be set up made: an open query would keep SQLite's read snapshot on the connection. */
    private static void closeBoth(Exception failure, PreparedStatement rows, PreparedStatement packs) {
        try (rows;
                packs) {
            // both closed, even when one fails
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public abstract TcpResult next() throws SQLException;

    @Override
    public void close() throws SQLException {
        try (rowsStatement;
                packsStatement) {
            rows.close();
            packs.close();
        }
    }

    /** A pack and the next of its ports to hand out. */
    private static final class PackCursor {
        final ClosedPorts.Pack pack;
        int next;

        PackCursor(ClosedPorts.Pack pack) {
            this.pack = pack;
        }

        long seq() {
            return pack.seqs()[next];
        }
    }

    /** Rows by seq, and the packs' ports by their seqs: a pack's ports are in seq order, packs start in first_seq order. */
    private static final class ArrivalOrder extends TcpRunReader {
        private final PriorityQueue<PackCursor> open = new PriorityQueue<>(Comparator.comparingLong(PackCursor::seq));
        private TcpResult row;
        private long rowSeq = Long.MAX_VALUE;
        private ClosedPorts.Pack unopened;

        ArrivalOrder(PreparedStatement rows, PreparedStatement packs) throws SQLException {
            super(rows, packs);
            readRow();
            unopened = this.packs.next() ? ClosedPorts.Pack.read(this.packs) : null;
        }

        private void readRow() throws SQLException {
            if (rows.next()) {
                row = ResultTables.tcp(rows);
                rowSeq = rows.getLong(ResultTables.SEQ);
            } else {
                row = null;
                rowSeq = Long.MAX_VALUE;
            }
        }

        @Override
        public TcpResult next() throws SQLException {
            while (true) {
                long packSeq = open.isEmpty() ? Long.MAX_VALUE : open.peek().seq();
                long first = Math.min(rowSeq, packSeq);
                if (unopened != null && unopened.firstSeq() <= first) { // it may hold the next one
                    open.add(new PackCursor(unopened));
                    unopened = packs.next() ? ClosedPorts.Pack.read(packs) : null;
                    continue;
                }
                if (row != null && rowSeq <= packSeq) {
                    TcpResult r = row;
                    readRow();
                    return r;
                }
                PackCursor c = open.poll();
                if (c == null) return null;
                TcpResult r = c.pack.result(c.next++);
                if (c.next < c.pack.count()) open.add(c);
                return r;
            }
        }
    }

    /** Rows by host and port, and each host's packed ports gathered and sorted by port. */
    private static final class KeyOrder extends TcpRunReader {
        private TcpResult row;
        /** The packed ports of the host {@link #hostPorts} holds, sorted by port; the next one at {@link #hostNext}. */
        private final List<TcpResult> hostPorts = new ArrayList<>();

        private int hostNext;
        private ClosedPorts.Pack unread;

        KeyOrder(PreparedStatement rows, PreparedStatement packs) throws SQLException {
            super(rows, packs);
            row = this.rows.next() ? ResultTables.tcp(this.rows) : null;
            unread = this.packs.next() ? ClosedPorts.Pack.read(this.packs) : null;
        }

        /** Takes in every pack of the next host. */
        private void readHost() throws SQLException {
            hostPorts.clear();
            hostNext = 0;
            if (unread == null) return;
            String host = unread.host();
            do {
                for (int i = 0; i < unread.count(); i++) hostPorts.add(unread.result(i));
                unread = packs.next() ? ClosedPorts.Pack.read(packs) : null;
            } while (unread != null && unread.host().equals(host));
            hostPorts.sort(Comparator.comparingInt(TcpResult::port));
        }

        @Override
        public TcpResult next() throws SQLException {
            if (hostNext == hostPorts.size()) readHost();
            TcpResult packed = hostNext < hostPorts.size() ? hostPorts.get(hostNext) : null;
            if (row != null && (packed == null || compare(row, packed) <= 0)) {
                TcpResult r = row;
                row = rows.next() ? ResultTables.tcp(rows) : null;
                return r;
            }
            if (packed != null) hostNext++;
            return packed;
        }

        private static int compare(TcpResult a, TcpResult b) {
            int byHost = RunDiff.compareCodePoints(a.host(), b.host());
            return byHost != 0 ? byHost : Integer.compare(a.port(), b.port());
        }
    }
}
