package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.probe.ProbeResult;

/**
 * Records one run's results off the scan's hot path: {@link #record} only queues a result; a
 * background thread writes them in batches, one transaction per {@value #BATCH} results or
 * {@value #BATCH_MILLIS} ms, whichever comes first. A killed process loses at most the batch in
 * flight; every committed batch stays.
 *
 * <p>The queue is bounded ({@value #QUEUE} results): a writer that cannot keep up slows the
 * scan instead of filling the heap. If the database fails (full disk, lock held past the busy
 * timeout and retries), recording stops, the scan goes on, and {@link #finish} reports why.
 */
public final class RunRecorder<R extends ProbeResult> {
    static final int BATCH = 1000;
    static final long BATCH_MILLIS = 200;
    static final int QUEUE = 65_536;

    private final History history;
    private final Run run;
    private final Connection connection;
    private final BlockingQueue<ProbeResult> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread writer;
    private volatile boolean closing;
    private volatile HistoryException failure;
    private long nextSeq;

    RunRecorder(History history, Run run, Connection connection, long firstSeq) {
        this.history = history;
        this.run = run;
        this.connection = connection;
        this.nextSeq = firstSeq;
        this.writer =
                Thread.ofPlatform().daemon().name("fanout-history-" + run.id()).start(this::writeLoop);
    }

    /** The run being recorded. */
    public Run run() {
        return run;
    }

    /** Queues a result; waits only while the queue is full. After a failure, does nothing. */
    public void record(R result) {
        if (failure != null) return;
        try {
            queue.put(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new HistoryException("recording interrupted; run " + run.id() + " stays incomplete"));
        }
    }

    /**
     * Writes what is queued, then the run's end: finish time, counts, and whether it completed.
     * Returns the run as recorded.
     *
     * @throws HistoryException if any result could not be recorded (the run stays incomplete)
     */
    public Run finish(boolean complete) {
        closing = true;
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new HistoryException("recording interrupted; run " + run.id() + " stays incomplete"));
        }
        try {
            if (failure != null) throw failure;
            return history.finishRun(connection, run, complete);
        } finally {
            History.closeQuietly(connection);
        }
    }

    private void writeLoop() {
        List<ProbeResult> batch = new ArrayList<>(BATCH);
        try (PreparedStatement insert = connection.prepareStatement(ResultTables.insert(run.kind()))) {
            while (failure == null) {
                ProbeResult first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
                while (batch.size() < BATCH) {
                    long left = deadline - System.nanoTime();
                    ProbeResult next = closing ? queue.poll() : queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                    if (next == null) break;
                    batch.add(next);
                }
                write(insert, batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            fail(new HistoryException("recording interrupted; run " + run.id() + " stays incomplete"));
        } catch (SQLException | HistoryException e) {
            fail(e instanceof HistoryException h ? h : history.failure("cannot record run " + run.id(), e));
        }
    }

    private void write(PreparedStatement insert, List<ProbeResult> batch) throws SQLException {
        long seq = nextSeq;
        history.inTransaction(connection, () -> {
            long s = seq;
            insert.clearBatch(); // a retried transaction adds the batch again
            for (ProbeResult r : batch) {
                ResultTables.bind(insert, run.id(), s++, r);
                insert.addBatch();
            }
            insert.executeBatch();
        });
        nextSeq += batch.size();
    }

    private void fail(HistoryException e) {
        if (failure == null) failure = e;
        queue.clear();
    }
}
