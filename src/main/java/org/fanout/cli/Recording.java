package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fanout.engine.inputs.TargetOrder;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResumeReader;
import org.fanout.history.History;
import org.fanout.history.HistoryException;
import org.fanout.history.Job;
import org.fanout.history.Run;
import org.fanout.history.RunRecorder;
import org.fanout.history.Shard;

/**
 * One scan or http run recorded in the history, hooked in through the output's writers: each
 * result the output writes is also queued for the database ({@link RunRecorder}), so recording
 * follows whatever the output does (--open-only, --resume) and never slows it.
 *
 * <p>A history that cannot be used prints one {@code error: history: ...} line, and the scan
 * runs on unrecorded: its results and exit status are what they would be without history.
 */
final class Recording<R extends ProbeResult> {
    private final HistoryOptions options;
    private final ResultKind kind;
    private final long targets;
    private final TargetOrder order;
    private final PrintStream err;
    private History history;
    private RunRecorder<R> recorder;

    Recording(HistoryOptions options, ResultKind kind, long targets, TargetOrder order, PrintStream err) {
        this.options = options;
        this.kind = kind;
        this.targets = targets;
        this.order = order;
        this.err = err;
    }

    OutputOptions.StreamWriters<R> toStream(OutputOptions.StreamWriters<R> writers) {
        return (format, out, headerNeeded, flushEachResult) ->
                tee(writers.open(format, out, headerNeeded, flushEachResult), null, null);
    }

    OutputOptions.ScanFileWriters<R> toFile(OutputOptions.FileWriters<R> writers) {
        return (file, format, resumedKeys) -> tee(writers.open(file, format, resumedKeys != null), file, resumedKeys);
    }

    /** Runs the scan ({@code body}: its exit status); the run is complete if that is 0. */
    int run(Callable<Integer> body) throws Exception {
        boolean complete = false;
        try {
            int status = body.call();
            complete = status == 0;
            return status;
        } finally {
            end(complete);
        }
    }

    private ResultWriter<R> tee(ResultWriter<R> output, Path file, Set<String> resumedKeys) {
        begin(file, resumedKeys);
        RunRecorder<R> to = recorder;
        if (to == null) return output;
        return new ResultWriter<>() {
            @Override
            public void write(R result) throws IOException {
                output.write(result);
                to.record(result);
            }

            @Override
            public void flush() throws IOException {
                output.flush();
            }

            @Override
            public void close() throws IOException {
                output.close();
            }
        };
    }

    /**
     * Starts the run, or with --resume ({@code resumedKeys}: those of the results {@code file}
     * holds) continues the job's incomplete run that wrote the file (else starts one), taking in
     * what the file holds.
     */
    private void begin(Path file, Set<String> resumedKeys) {
        if (options.noHistory) return;
        try {
            Job job = options.job(kind);
            Shard shard = HistoryOptions.shard(job, order);
            if (resumedKeys == null) {
                recorder = History.startRunInBackground(options.db.database(), job, targets, shard);
                return;
            }
            history = History.open(options.db.database());
            Optional<Run> unfinished = history.incompleteRun(job.key(), resumedKeys);
            recorder = unfinished.isPresent()
                    ? history.continueRun(unfinished.get())
                    : history.startRun(job, targets, shard);
            // The file's results are this run's: a new run has none of them yet, a continued one may
            // lack those written after its last committed batch.
            recordWhatTheFileHolds(file);
        } catch (HistoryException e) {
            HistoryOptions.report(err, e);
            recorder = null;
            closeHistory();
        }
    }

    /**
     * What the file holds: all of it, a continued run ignoring the results it has. The file is
     * read again, streamed: the history keeps each result's values, which its keys do not carry.
     */
    @SuppressWarnings("unchecked")
    private void recordWhatTheFileHolds(Path file) {
        try (Stream<? extends ProbeResult> done =
                kind == ResultKind.TCP ? ResumeReader.readTcp(file) : ResumeReader.readHttp(file)) {
            Iterator<? extends ProbeResult> it = done.iterator();
            while (it.hasNext()) recorder.record((R) it.next());
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            // a text table cannot be read back; the run keeps what it had recorded
        }
    }

    private void end(boolean complete) {
        if (recorder != null) {
            // the scan's end, not when its last batch is written (a locked database can hold that up)
            Instant ended = Instant.now();
            try {
                options.lastRunId = recorder.finish(complete, ended).id();
            } catch (HistoryException e) {
                HistoryOptions.report(err, e);
            }
            recorder = null;
        }
        closeHistory();
    }

    private void closeHistory() {
        if (history != null) history.close();
        history = null;
    }
}
