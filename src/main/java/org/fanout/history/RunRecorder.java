package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.fanout.engine.flow.Joining;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.ResultKind;

/**
 * Records one run's results off the scan's hot path: {@link #record} only queues a result; a
 * background thread writes them in batches, one transaction per {@value #BATCH} results or
 * {@value #BATCH_MILLIS} ms, whichever comes first. A killed process loses at most the batch in
 * flight; every committed batch stays.
 *
 * <p>The queue is bounded ({@value #QUEUE} results): a writer that cannot keep up slows the
 * scan instead of filling the heap. If the database fails (full disk, lock held past the busy
 * timeout and retries), recording stops, the scan goes on, and {@link #finish} reports why.
 *
 * <p>A recorder {@linkplain History#startRunInBackground started in the background} opens the
 * database and writes the run's row on that same thread: results queue meanwhile, so the scan
 * starts at once.
 */
public final class RunRecorder<R extends ProbeResult> {
    /**
     * Large, because each commit rewrites every page it touched and results come in random key
     * order: 65,535 rows cost ~0.42 CPU-s in SQLite at 1000 per commit, ~0.23 at 10,000.
     */
    static final int BATCH = 10_000;

    static final long BATCH_MILLIS = 200;
    private static final long GULP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final int QUEUE = 65_536;
    /** Queued by {@link #finish} after the last result, so a writer waiting for more wakes at once. */
    private static final Object END = new Object();

    /**
     * Where the results go: the history, the run's row (written), its connection, the next
     * result's seq, and whether its results are each of another target (a scan's), so closed
     * ports may be packed ({@link ClosedPorts}). A file's results may repeat a target (import),
     * a continued run's repeat what it has: those are rows, whose key refuses a repeat.
     */
    record Destination(History history, Run run, Connection connection, long firstSeq, boolean distinct) {}

    /** Makes the destination, on the writer's thread; throws {@link HistoryException} if it cannot. */
    interface Opening {
        Destination open();
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final boolean closesHistory;
    private final Thread writer;
    private volatile boolean closing;
    private volatile HistoryException failure;
    /** Set by the writer thread; read by {@link #finish} after joining it. */
    private Destination to;

    private long nextSeq;

    /**
     * The results this recorder added, by outcome, as committed: a new run's counts, so its end
     * need not count them again in SQL (a GROUP BY over every row of the run, ~30 ms for 17,576 rows
     * here, seconds for millions, all after the scan's last result). Written by the writer thread;
     * read by {@link #finish} after joining it.
     */
    private final Map<String, Long> added = new HashMap<>();
    /** Whether a driver did not tell which rows it added (JDBC's SUCCESS_NO_INFO): then SQL counts. */
    private boolean addedUnknown;

    RunRecorder(Destination ready) {
        this(() -> ready, false, "fanout-history-" + ready.run().id());
    }

    /** With {@code closesHistory}, {@link #finish} closes the history the opening opened. */
    RunRecorder(Opening opening, boolean closesHistory, String threadName) {
        this.closesHistory = closesHistory;
        this.writer = Thread.ofPlatform().daemon().name(threadName).start(() -> writeLoop(opening));
    }

    /**
     * Queues a result; waits only while the queue is full. After a failure, does nothing. An
     * interrupt does not stop it: a result the scan wrote out is recorded too (Ctrl-C interrupts
     * the thread that delivers results under some strategies), and the interrupt is kept for the caller.
     */
    public void record(R result) {
        boolean interrupted = false;
        while (failure == null) {
            try {
                queue.put(result);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Writes what is queued, then the run's end: {@code finished}, counts, and whether it
     * completed. Returns the run as recorded. The caller says when the run ended, because only it
     * knows: a scan ends before its queued results are all written (a locked database can hold
     * that up), an import when the scan that wrote its file did.
     *
     * @throws HistoryException if the database could not be opened or any result could not be
     *                          recorded (the run stays incomplete)
     */
    public Run finish(boolean complete, Instant finished) {
        Objects.requireNonNull(finished, "finished");
        closing = true;
        queue.offer(END); // a full queue means the writer is busy, not waiting: it sees closing when drained
        LockSupport.unpark(writer); // a writer between gulps writes the last batch now, not up to a gulp later
        Joining.uninterruptibly(List.of(writer), () -> {}); // even when interrupted: it may still hold the database
        Destination d = to;
        try {
            if (failure != null) throw failure;
            if (d == null) throw new HistoryException("the run could not be started");
            // A continued run holds results this recorder did not add: those are counted in SQL.
            Map<String, Long> counts = d.firstSeq() == 0 && !addedUnknown ? added : null;
            return d.history().finishRun(d.connection(), d.run(), complete, finished, counts);
        } finally {
            if (d != null) {
                History.closeQuietly(d.connection());
                if (closesHistory) d.history().close();
            }
        }
    }

    private void writeLoop(Opening opening) {
        try {
            to = opening.open();
        } catch (Throwable e) { // whatever ends this thread must reach finish(), or record() would block for good
            fail(e instanceof HistoryException h ? h : new HistoryException("cannot start the run: " + e, e));
            return;
        }
        nextSeq = to.firstSeq();
        List<Object> batch = new ArrayList<>(BATCH);
        boolean tcp = to.run().kind() == ResultKind.TCP;
        try (PreparedStatement insert = to.connection()
                        .prepareStatement(ResultTables.insert(to.run().kind()));
                PreparedStatement insertPack =
                        tcp && to.distinct() ? to.connection().prepareStatement(ClosedPorts.INSERT) : null) {
            // A run that has results already (continued) may have packed some, which a row's key
            // does not see: it leaves out the ports its packs hold.
            Map<String, BitSet> packedBefore = tcp && to.firstSeq() > 0
                    ? ClosedPorts.packed(to.connection(), to.run().id())
                    : null;
            boolean ended = false;
            while (failure == null && !ended) {
                Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == END) return;
                if (first == null) {
                    if (closing && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                // Collects the batch in gulps, sleeping between them: waiting on the queue instead
                // would wake this thread at every result the scan puts in (a futex call on each side).
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
                while (true) {
                    queue.drainTo(batch, BATCH - batch.size());
                    if (batch.getLast() == END) {
                        batch.removeLast();
                        ended = true;
                        break;
                    }
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= BATCH || left <= 0 || closing) break;
                    LockSupport.parkNanos(this, Math.min(left, GULP_NANOS)); // finish() unparks it
                    if (Thread.interrupted()) throw new InterruptedException();
                }
                write(insert, insertPack, packedBefore, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            fail(new HistoryException("recording interrupted; run " + to.run().id() + " stays incomplete"));
        } catch (SQLException | HistoryException e) {
            fail(
                    e instanceof HistoryException h
                            ? h
                            : to.history()
                                    .failure("cannot record run " + to.run().id(), e));
        } catch (Throwable e) { // an Error or a bug: stop recording, keep the scan going, report at finish()
            fail(new HistoryException("recording stopped: " + e, e));
        }
    }

    /**
     * Writes a batch in one transaction: a TCP run's closed ports packed where {@code insertPack}
     * is given (distinct targets: {@link ClosedPorts}), the rest as rows, leaving out what
     * {@code packedBefore} holds.
     */
    private void write(
            PreparedStatement insert,
            PreparedStatement insertPack,
            Map<String, BitSet> packedBefore,
            List<Object> batch)
            throws SQLException {
        long seq = nextSeq;
        long runId = to.run().id();
        boolean[] notARow = new boolean[batch.size()];
        List<ClosedPorts.Pack> packs = insertPack != null ? ClosedPorts.split(batch, seq, notARow) : List.of();
        if (packedBefore != null) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof TcpResult r) {
                    BitSet ports = packedBefore.get(r.host());
                    notARow[i] = ports != null && ports.get(r.port());
                }
            }
        }
        Map<String, Long> counted = new HashMap<>(); // this batch's, once committed
        to.history().inTransaction(to.connection(), () -> {
            insert.clearBatch(); // a retried transaction adds the batch again, and counts it anew
            counted.clear();
            List<ProbeResult> rows = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                if (notARow[i]) continue;
                ProbeResult result = (ProbeResult) batch.get(i);
                ResultTables.bind(insert, runId, seq + i, result);
                insert.addBatch();
                rows.add(result);
            }
            long total = 0;
            if (!rows.isEmpty()) {
                int[] updates = insert.executeBatch();
                for (int k = 0; k < updates.length; k++) {
                    // a row the key refused (a target the run has) is neither added nor counted
                    if (updates[k] == Statement.SUCCESS_NO_INFO) addedUnknown = true;
                    if (updates[k] == Statement.SUCCESS_NO_INFO || updates[k] > 0) {
                        counted.merge(rows.get(k).outcome(), 1L, Long::sum);
                        total++;
                    }
                }
            }
            if (!packs.isEmpty()) {
                insertPack.clearBatch();
                for (ClosedPorts.Pack pack : packs) {
                    pack.bind(insertPack, runId);
                    insertPack.addBatch();
                    counted.merge(TcpState.CLOSED.label(), (long) pack.count(), Long::sum);
                    total += pack.count();
                }
                insertPack.executeBatch();
            }
            RunsTable.addResults(to.connection(), runId, total); // a killed run still tells how far it got
        });
        counted.forEach((outcome, n) -> added.merge(outcome, n, Long::sum));
        nextSeq += batch.size();
    }

    private void fail(HistoryException e) {
        if (failure == null) failure = e;
        queue.clear();
    }
}
