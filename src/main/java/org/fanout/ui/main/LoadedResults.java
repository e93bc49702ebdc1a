package org.fanout.ui.main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fanout.engine.ScanCounters;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.ResumeReader;
import org.fanout.ui.common.ScanMode;

/**
 * The results of a Fanout CSV or JSON-lines file (File → Open results…), TCP or HTTP as the
 * file's columns say, with the counters a scan of them would have shown.
 */
record LoadedResults(ScanMode mode, List<ProbeResult> rows, ScanProgress progress) {

    /**
     * Reads {@code file}: first as TCP results, then as HTTP results.
     *
     * @throws IllegalArgumentException if it is neither
     */
    static LoadedResults read(Path file) throws IOException {
        IllegalArgumentException tcpProblem;
        try {
            return of(ScanMode.TCP, ResumeReader.readTcp(file));
        } catch (IllegalArgumentException e) {
            tcpProblem = e;
        }
        try {
            return of(ScanMode.HTTP, ResumeReader.readHttp(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    file.getFileName() + " is not a Fanout results file (CSV or JSON lines): "
                            + tcpProblem.getMessage(),
                    e);
        }
    }

    private static LoadedResults of(ScanMode mode, Stream<? extends ProbeResult> stream) throws IOException {
        List<ProbeResult> rows = new ArrayList<>();
        try (stream) {
            stream.forEach(rows::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ScanCounters counters = new ScanCounters(rows.size());
        for (ProbeResult r : rows) counters.record(r);
        ScanProgress p = counters.snapshot();
        return new LoadedResults(
                mode, List.copyOf(rows), new ScanProgress(p.total(), p.done(), p.outcomes(), p.errors(), 0));
    }
}
