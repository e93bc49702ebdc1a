package org.fanout.engine.strategy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.ProbeResult;

/**
 * Every blocking task's absolute deadline: the job's worst case per target plus slack, however
 * its server drips bytes. A watchdog thread settles an overdue task as abandoned and closes the
 * sockets its thread holds (a platform thread blocked in a read wakes on nothing else), so the
 * task reports {@code filtered}/{@code timeout} on time and its thread is free for the next one.
 * Shared by every runner that blocks a thread per target: serial, pool, virtual and the
 * process strategy's workers.
 */
final class Deadlines implements AutoCloseable {
    /** Extra time past a task's worst case before it is abandoned. */
    static final long SLACK_NANOS = Duration.ofSeconds(2).toNanos();

    private static final long TICK_MILLIS = 50;

    private final long budgetNanos;
    private final Set<Task> running = ConcurrentHashMap.newKeySet();
    private final Thread watchdog;

    Deadlines(Duration worstCasePerTarget) {
        this.budgetNanos = budget(worstCasePerTarget);
        this.watchdog = Thread.ofPlatform().daemon().name("fanout-deadlines").start(this::watch);
    }

    /** The time a target may take before it is abandoned. */
    static long budget(Duration worstCasePerTarget) {
        return worstCasePerTarget.toNanos() + SLACK_NANOS;
    }

    /** One target's checks on the calling thread, cut off at the deadline. */
    <T, R extends ProbeResult> R check(Probe<T, R> probe, T target, int retries) throws InterruptedException {
        Task task = new Task(Thread.currentThread());
        running.add(task);
        R result;
        try {
            result = Attempts.check(probe, target, retries, () -> task.expired);
        } finally {
            task.finish();
        }
        return task.expired ? probe.abandoned(target, System.nanoTime() - task.startedAt) : result;
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                for (Task task : running) task.expireIfOverdue(now);
            }
        } catch (InterruptedException closed) {
            // the runner is done
        }
    }

    @Override
    public void close() {
        watchdog.interrupt();
        try {
            watchdog.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Task {
        final Thread owner;
        final long startedAt = System.nanoTime();
        private boolean finished;
        volatile boolean expired;

        Task(Thread owner) {
            this.owner = owner;
        }

        /** Once this returns, the watchdog can no longer touch the owner's sockets for this task. */
        synchronized void finish() {
            finished = true;
            running.remove(this);
        }

        /** Past the deadline: closes the owner's sockets, again each tick until it gives up. */
        synchronized void expireIfOverdue(long now) {
            if (finished || now - startedAt <= budgetNanos) return;
            expired = true;
            Probe.closeSocketsOf(owner);
        }
    }
}
