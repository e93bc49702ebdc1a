package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The counters a window and a summary show: never more of an outcome than results done. */
class ScanCountersTest {
    @Test
    @Timeout(60)
    void aSnapshotNeverCountsMoreOutcomesThanResultsDone() throws Exception {
        int threads = 4;
        int each = 300_000;
        ScanCounters counters = new ScanCounters((long) threads * each);
        TcpResult closed = new TcpResult("127.0.0.1", "127.0.0.1", 1, "", TcpState.CLOSED, 1_000, null, null);
        TcpResult failed =
                new TcpResult("127.0.0.1", "127.0.0.1", 2, "", TcpState.ERROR, 1_000, null, "connection_reset");
        AtomicBoolean go = new AtomicBoolean();
        List<Thread> recorders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            recorders.add(Thread.ofPlatform().start(() -> {
                while (!go.get()) Thread.onSpinWait();
                for (int i = 0; i < each; i++) counters.record(i % 10 == 0 ? failed : closed);
            }));
        }
        go.set(true);
        long snapshots = 0;
        while (recorders.stream().anyMatch(Thread::isAlive)) {
            ScanProgress p = counters.snapshot();
            long outcomes =
                    p.outcomes().values().stream().mapToLong(Long::longValue).sum();
            long errors =
                    p.errors().values().stream().mapToLong(Long::longValue).sum();
            assertThat(outcomes).as("outcomes counted, snapshot %d", snapshots).isLessThanOrEqualTo(p.done());
            assertThat(errors).isLessThanOrEqualTo(p.done());
            snapshots++;
        }
        for (Thread t : recorders) t.join();
        ScanProgress end = counters.snapshot();
        assertThat(end.done()).isEqualTo((long) threads * each);
        assertThat(end.outcomes().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(end.done());
        assertThat(snapshots).isPositive();
    }
}
