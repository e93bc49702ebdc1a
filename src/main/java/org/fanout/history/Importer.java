package org.fanout.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.ResultKind;
import org.fanout.export.ResumeReader;

/**
 * Turns a Fanout results file (CSV or JSON lines, scan or http, from any machine) into a
 * complete run. The kind is recognised from the CSV header or the JSON fields.
 */
public final class Importer {
    private Importer() {}

    /**
     * Imports {@code file} as one run, started and finished when the file was last written: its
     * scan ended then, and when it began the file does not say (the time of the import would
     * make an old scan look like one that ran until now).
     *
     * @throws IllegalArgumentException if the file is not a Fanout results file
     * @throws HistoryException         if the database fails
     */
    public static Run importFile(History history, Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
        ResultKind kind = kindOf(file);
        Path absolute = file.toAbsolutePath().normalize();
        String description = "import " + absolute;
        String json = "{\"import\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(absolute.toString()) + "}";
        Job job = new Job(kind, description, description, json);
        long count;
        try (Stream<? extends ProbeResult> results = read(kind, file)) {
            count = results.count();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Instant written = Files.getLastModifiedTime(file).toInstant();
        RunRecorder<ProbeResult> recorder = history.startImport(job, count, written);
        try (Stream<? extends ProbeResult> results = read(kind, file)) {
            Iterator<? extends ProbeResult> it = results.iterator();
            while (it.hasNext()) recorder.record(it.next());
        } catch (UncheckedIOException e) {
            recorder.finish(false, written);
            throw e.getCause();
        } catch (RuntimeException e) {
            recorder.finish(false, written);
            throw e;
        }
        Run run = recorder.finish(true, written);
        // A line that repeats a target (two scans appended to one file) is left out, as a scan
        // would not probe it twice: the run's targets are those it holds, so it reads as whole.
        return run.results() == count ? run : history.withTargets(run, run.results());
    }

    private static Stream<? extends ProbeResult> read(ResultKind kind, Path file) throws IOException {
        return kind == ResultKind.TCP ? ResumeReader.readTcp(file) : ResumeReader.readHttp(file);
    }

    /** TCP if the file reads as TCP results, else HTTP if it reads as those, else not ours. */
    private static ResultKind kindOf(Path file) throws IOException {
        if (!ResumeReader.hasCompleteRecord(file)) {
            throw new IllegalArgumentException(file + " is not a Fanout results file: it holds no complete line");
        }
        for (ResultKind kind : ResultKind.values()) {
            try (Stream<? extends ProbeResult> results = read(kind, file)) {
                results.findFirst();
                return kind;
            } catch (IllegalArgumentException notThisKind) {
                // try the next kind
            }
        }
        throw new IllegalArgumentException(file + " is not a Fanout results file (CSV or JSON lines of scan or http)");
    }
}
