package org.fanout.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The hand-off without a toolkit: a {@link DirectUiExecutor} runs the job in the call. */
class BatchingAdapterTest {
    private final DirectUiExecutor ui = new DirectUiExecutor();
    private final List<List<Integer>> batches = new ArrayList<>();
    private final List<Ending> endings = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private BatchingAdapter<Integer> adapter(BatchingAdapter.Job<Integer> job, int maxBatch) {
        return new BatchingAdapter<>(
                ui,
                "test",
                UiExecutor.Priority.LOW,
                job,
                BatchingAdapter.Stoppable.of(cancelled::get, () -> cancelled.set(true)),
                maxBatch,
                new BatchingAdapter.Sink<>() {
                    @Override
                    public void onBatch(List<Integer> items) {
                        batches.add(List.copyOf(items));
                    }

                    @Override
                    public void onEnded(Ending ending, Throwable failure) {
                        endings.add(ending);
                        failures.add(failure);
                    }
                });
    }

    @Test
    void everyItemArrivesOnceInOrderAndTheEndingComesLast() {
        BatchingAdapter<Integer> a = adapter(
                out -> {
                    for (int i = 0; i < 120_000; i++) out.accept(i);
                },
                50_000);
        a.start();
        assertThat(endings).containsExactly(Ending.FINISHED);
        assertThat(failures).containsOnlyNulls();
        assertThat(batches.stream().flatMap(List::stream).toList())
                .hasSize(120_000)
                .isSorted();
        assertThat(a.deliveredCount()).isEqualTo(120_000);
        assertThat(a.nonEmptyHandOffCount()).isEqualTo(1).isEqualTo(a.handOffCount());
    }

    @Test
    void aPulseTakesAtMostTheBatchSizeAndTheRestWaits() {
        List<Integer> queued = new ArrayList<>();
        BatchingAdapter<Integer> a = adapter(
                out -> {
                    for (int i = 0; i < 25; i++) out.accept(i);
                    ui.tick(); // three pulses while the job runs: 10, 10, the last 5
                    ui.tick();
                    ui.tick();
                    queued.add(batches.stream().mapToInt(List::size).sum());
                },
                10);
        a.start();
        assertThat(queued).containsExactly(25);
        // the three pulses, then the last hand-off at the end (nothing left)
        assertThat(batches).extracting(List::size).containsExactly(10, 10, 5, 0);
        assertThat(a.handOffCount()).isEqualTo(4);
        assertThat(a.nonEmptyHandOffCount()).isEqualTo(3);
        ui.tick(); // the pulse stopped with the job
        assertThat(batches).hasSize(4);
    }

    @Test
    void aFailureEndsFailedUnlessTheJobWasStopped() {
        adapter(
                        out -> {
                            out.accept(1);
                            throw new IOException("disk full");
                        },
                        10)
                .start();
        assertThat(endings).containsExactly(Ending.FAILED);
        assertThat(failures.getFirst()).hasMessage("disk full");
        assertThat(batches).containsExactly(List.of(1));

        endings.clear();
        BatchingAdapter<Integer> stopped = adapter(
                out -> {
                    cancelled.set(true);
                    throw new IOException("interrupted");
                },
                10);
        stopped.start();
        assertThat(endings).containsExactly(Ending.STOPPED);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoppedJobEndsStoppedWithWhatItProduced() {
        BatchingAdapter<Integer>[] self = new BatchingAdapter[1];
        self[0] = adapter(
                out -> {
                    for (int i = 0; i < 1000 && !cancelled.get(); i++) {
                        out.accept(i);
                        if (i == 9) self[0].stop();
                    }
                },
                100);
        self[0].start();
        assertThat(endings).containsExactly(Ending.STOPPED);
        assertThat(self[0].deliveredCount()).isEqualTo(10);
    }
}
