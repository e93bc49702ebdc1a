package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fanout.engine.flow.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several event loops share the targets and the concurrency, and stop together when one fails. */
@Timeout(30)
class EventLoopsTest {
    @Test
    void theLoopsShareEveryTargetOnceAndTheConcurrency() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two cores");
        List<Integer> targets = IntStream.range(0, 100_000).boxed().toList();
        var seen = ConcurrentHashMap.<Integer>newKeySet();
        var shares = new ConcurrentHashMap<String, Integer>();
        EventLoops.<Integer, Integer>run(
                "test-loop", 256, targets.iterator(), 1000, seen::add, new Cancellation(), (mine, share, emit, c) -> {
                    shares.put(Thread.currentThread().getName(), share);
                    while (mine.hasNext()) emit.accept(mine.next());
                });
        assertThat(seen).hasSize(targets.size());
        assertThat(shares).hasSize(EventLoops.count(1000, 256)).hasSizeGreaterThan(1);
        assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
    }

    @Test
    void aFailingCallingLoopStopsTheHelpersBeforeItsFailureIsThrown() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two cores");
        AtomicInteger emitted = new AtomicInteger();
        Cancellation cancel = new Cancellation();
        assertThatThrownBy(() -> withBusyHelpers(emitted, cancel, () -> {
                    throw new IllegalStateException("the poller broke");
                }))
                .hasMessage("the poller broke");
        int atReturn = emitted.get();
        Thread.sleep(200); // long enough for a helper still running to emit its last
        assertThat(cancel.isCancelled())
                .as("the scan failed; no one stopped it")
                .isFalse();
        assertThat(emitted.get()).as("results emitted after run() threw").isEqualTo(atReturn);
    }

    @Test
    void anInterruptedCallerStopsTheHelpersBeforeItReturns() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two cores");
        AtomicInteger emitted = new AtomicInteger();
        assertThatThrownBy(() -> withBusyHelpers(emitted, new Cancellation(), () -> Thread.currentThread()
                        .interrupt()))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted())
                .as("the interrupt is reported by the exception")
                .isFalse();
        int atReturn = emitted.get();
        Thread.sleep(200);
        assertThat(emitted.get()).as("results emitted after run() threw").isEqualTo(atReturn);
    }

    @Test
    void aFailingHelperEndsTheScanWithItsFailure() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two cores");
        Thread caller = Thread.currentThread();
        Cancellation cancel = new Cancellation();
        assertThatThrownBy(() -> EventLoops.<Integer, Integer>run(
                        "test-loop", 256, endless(), 1000, r -> {}, cancel, (mine, s, emit, c) -> {
                            if (Thread.currentThread() != caller) throw new IllegalStateException("a helper broke");
                            while (!c.isCancelled()) emit.accept(mine.next());
                        }))
                .hasMessage("a helper broke");
        assertThat(cancel.isCancelled())
                .as("the scan failed; no one stopped it")
                .isFalse();
    }

    @Test
    void theUsersStopReachesEveryLoop() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "two cores");
        Cancellation cancel = new Cancellation();
        var running = ConcurrentHashMap.<String>newKeySet();
        Thread.ofPlatform().daemon().start(() -> {
            while (running.size() < EventLoops.count(1000, 256)) Thread.onSpinWait();
            cancel.cancel();
        });
        EventLoops.<Integer, Integer>run("test-loop", 256, endless(), 1000, r -> {}, cancel, (mine, s, emit, c) -> {
            running.add(Thread.currentThread().getName());
            while (!c.isCancelled()) emit.accept(mine.next());
        });
        assertThat(running).hasSizeGreaterThan(1);
    }

    /**
     * Loops that emit until stopped, and once more 50 ms later (a loop takes a moment to notice,
     * and emits what it had); the calling loop waits until they are busy, then does {@code caller}.
     */
    private static void withBusyHelpers(AtomicInteger emitted, Cancellation cancel, Runnable caller) throws Exception {
        Thread calling = Thread.currentThread();
        EventLoops.<Integer, Integer>run(
                "test-loop", 256, endless(), 1000, r -> emitted.incrementAndGet(), cancel, (mine, s, emit, c) -> {
                    if (Thread.currentThread() == calling) {
                        while (emitted.get() < 1000) Thread.onSpinWait();
                        caller.run();
                        return;
                    }
                    while (!c.isCancelled()) emit.accept(mine.next());
                    Thread.sleep(50);
                    emit.accept(mine.next());
                });
    }

    private static Iterator<Integer> endless() {
        return IntStream.iterate(0, i -> i + 1).iterator();
    }
}
