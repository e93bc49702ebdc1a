package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thread that fails reading the targets fails the scan, under every strategy: never a short scan that looks whole. */
@Timeout(120)
class TargetFailureTest {
    static final int BEFORE_FAILURE = 300;

    /** 300 URLs of the lab, then the error a huge input line gave (out of memory), then more URLs. */
    record Failing(String base, long count) implements TargetSource<URI> {
        @Override
        public Iterator<URI> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < count;
                }

                @Override
                public URI next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    if (++i == BEFORE_FAILURE + 1) throw new OutOfMemoryError("simulated: Java heap space");
                    return URI.create(base + "/" + i);
                }
            };
        }
    }

    @Test
    void aTargetThatCannotBeReadFailsTheScanUnderEveryStrategy() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ZERO).start()) {
            for (Strategy strategy : Strategy.values()) {
                AtomicLong results = new AtomicLong();
                Scan<URI, ?> scan = Scan.http(
                        new Failing(server.baseUrl(), 1000),
                        new HttpProbeConfig("HEAD", Duration.ofSeconds(2), true, 5, 0),
                        HttpChecksTest.LOCAL_ONLY,
                        new ScanSettings(strategy, 64, 2));
                assertThatThrownBy(() -> scan.run(r -> results.incrementAndGet()))
                        .as(strategy.label())
                        .isInstanceOf(ScanFailedException.class)
                        .hasMessageContaining("cannot read the targets: out of memory");
                assertThat(results.get()).as(strategy.label()).isLessThanOrEqualTo(BEFORE_FAILURE);
            }
        }
    }
}
