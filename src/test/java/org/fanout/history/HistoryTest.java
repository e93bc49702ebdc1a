package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The history API as a view-model would use it, against real SQLite files. */
@Timeout(60)
class HistoryTest {
    @TempDir
    Path dir;

    static TcpResult tcp(int port, TcpState state, String banner) {
        return new TcpResult("127.0.0.1", "127.0.0.1", port, "", state, 1_234_000, banner, null);
    }

    static Job job(ResultKind kind) {
        return new Job(kind, kind + " test", Job.kindName(kind) + " test", "{}");
    }

    @Test
    void theDefaultFileFollowsXdgThenThePlatform() {
        assertThat(Database.defaultFile(Map.of("XDG_DATA_HOME", "/x/data"), "Linux", "/home/u"))
                .isEqualTo(Path.of("/x/data/fanout/history.db"));
        assertThat(Database.defaultFile(Map.of(), "Linux", "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/fanout/history.db"));
        assertThat(Database.defaultFile(Map.of(), "Mac OS X", "/Users/u"))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/Fanout/history.db"));
        assertThat(Database.defaultFile(Map.of("LOCALAPPDATA", "/c/local"), "Windows 11", "/c/u"))
                .isEqualTo(Path.of("/c/local/Fanout/history.db"));
        assertThat(Database.locate(null, Map.of("FANOUT_DB", "/tmp/x.db")).describe())
                .isEqualTo("/tmp/x.db");
        assertThat(Database.locate("/tmp/y.db", Map.of("FANOUT_DB", "/tmp/x.db"))
                        .describe())
                .isEqualTo("/tmp/y.db");
        assertThat(Database.locate("postgresql://u:secret@localhost/fanout", Map.of())
                        .describe())
                .isEqualTo("postgresql://u@localhost:5432/fanout");
        assertThatThrownBy(() -> Database.locate("mysql://127.0.0.1/db", Map.of())) // not a folder "mysql:"
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("only SQLite files and PostgreSQL URLs");
        assertThatThrownBy(() -> Database.locate("jdbc:mysql://u:secret@localhost/fanout?password=secret", Map.of()))
                .isInstanceOf(HistoryException.class)
                .hasMessageNotContaining("secret");
    }

    /** A scan thread interrupted at its end (Ctrl-C, a closed window) still finishes its run whole. */
    @Test
    void anInterruptedFinishStillWaitsForEveryResultAndKeepsTheInterrupt() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            RunRecorder<TcpResult> recorder = history.startRun(job(ResultKind.TCP), 20_000);
            for (int port = 1; port <= 20_000; port++) recorder.record(tcp(port, TcpState.CLOSED, null));
            Thread.currentThread().interrupt();
            Run run;
            try {
                run = recorder.finish(true, Instant.now());
            } finally {
                assertThat(Thread.interrupted())
                        .as("the interrupt kept for the caller")
                        .isTrue();
            }
            assertThat(run.counts()).containsExactly(Map.entry("closed", 20_000L));
            List<TcpResult> loaded = new ArrayList<>();
            history.forEachTcp(run.id(), loaded::add);
            assertThat(loaded).hasSize(20_000);
        }
    }

    /**
     * A run's counts, as its end returns them and as stored, are those of the results it holds:
     * the recorder counts what each batch added (closed ports packed or not, every other state),
     * over several batches, rather than counting every row again in SQL at the end.
     */
    @Test
    void aRunsCountsAreThoseOfTheResultsItHolds() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            RunRecorder<TcpResult> scan = history.startRun(job(ResultKind.TCP), 25_001);
            for (int port = 1; port <= 25_000; port++) {
                TcpState state = port % 97 == 0 ? TcpState.OPEN : port % 89 == 0 ? TcpState.FILTERED : TcpState.CLOSED;
                // a closed port with a banner is a row of its own, not packed
                scan.record(tcp(port, state, state == TcpState.CLOSED && port % 101 == 0 ? "bye" : null));
            }
            scan.record(new TcpResult("127.0.0.2", "127.0.0.2", 9, "", TcpState.ERROR, -1, null, "refused by the OS"));
            assertCountsAreWhatItHolds(history, scan.finish(true, Instant.now()), 25_001);

            RunRecorder<HttpResult> check = history.startRun(job(ResultKind.HTTP), 3_000);
            for (int i = 0; i < 3_000; i++) {
                String url = "http://127.0.0.1:8080/" + i;
                check.record(
                        i % 7 == 0
                                ? new HttpResult(url, 0, -1, null, -1, "timeout")
                                : new HttpResult(url, i % 5 == 0 ? 404 : 200, 1_000_000, url, 0, null));
            }
            assertCountsAreWhatItHolds(history, check.finish(true, Instant.now()), 3_000);
        }
    }

    private static void assertCountsAreWhatItHolds(History history, Run run, long results) throws IOException {
        Map<String, Long> held = new java.util.HashMap<>();
        history.forEachResult(run, r -> held.merge(r.outcome(), 1L, Long::sum));
        assertThat(held.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(results);
        assertThat(held).hasSizeGreaterThan(2);
        assertThat(run.counts()).isEqualTo(held);
        assertThat(run.results()).isEqualTo(results);
        Run stored = history.run(run.id()).orElseThrow();
        assertThat(stored.counts()).isEqualTo(held);
        assertThat(stored.results()).isEqualTo(results);
    }

    @Test
    void recordListLoadAndDiffRunsOfBothKinds() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("sub/dir/h.db")))) {
            RunRecorder<TcpResult> first = history.startRun(job(ResultKind.TCP), 4);
            first.record(tcp(22, TcpState.OPEN, "SSH-2.0-old"));
            first.record(tcp(80, TcpState.OPEN, null));
            first.record(tcp(81, TcpState.CLOSED, null));
            first.record(tcp(443, TcpState.OPEN, null));
            Run a = first.finish(true, Instant.now());
            assertThat(a.counts()).containsExactly(Map.entry("open", 3L), Map.entry("closed", 1L));

            RunRecorder<TcpResult> second = history.startRun(job(ResultKind.TCP), 4);
            second.record(tcp(22, TcpState.OPEN, "SSH-2.0-new"));
            second.record(tcp(81, TcpState.CLOSED, null));
            second.record(tcp(443, TcpState.FILTERED, null));
            second.record(tcp(8080, TcpState.OPEN, null));
            Run b = second.finish(true, Instant.now());

            assertThat(history.runs(10)).extracting(Run::id).containsExactly(b.id(), a.id());
            assertThat(history.latestOfJob(b.jobKey(), b.id(), true))
                    .map(Run::id)
                    .contains(a.id());
            List<TcpResult> loaded = new ArrayList<>();
            history.forEachTcp(a.id(), loaded::add);
            assertThat(loaded).extracting(TcpResult::port).containsExactly(22, 80, 81, 443);
            assertThat(loaded.getFirst()).isEqualTo(tcp(22, TcpState.OPEN, "SSH-2.0-old"));

            List<Change> changes = new ArrayList<>();
            assertThat(RunDiff.diff(history, a, b, changes::add)).isEqualTo(4);
            assertThat(changes)
                    .containsExactly(
                            new Change(
                                    "127.0.0.1:22",
                                    Change.Type.CHANGED,
                                    "open banner SSH-2.0-old",
                                    "open banner SSH-2.0-new"),
                            new Change("127.0.0.1:80", Change.Type.GONE, "open", null),
                            new Change("127.0.0.1:443", Change.Type.CHANGED, "open", "filtered"),
                            new Change("127.0.0.1:8080", Change.Type.NEW, null, "open"));

            RunRecorder<HttpResult> web = history.startRun(job(ResultKind.HTTP), 2);
            web.record(new HttpResult("http://127.0.0.1/a", 200, 5_000_000, "http://127.0.0.1/a", 12, null));
            web.record(new HttpResult("http://127.0.0.1/b", 0, -1, null, -1, "timeout"));
            Run w = web.finish(true, Instant.now());
            assertThat(w.counts()).containsOnlyKeys("200", "timeout");
            List<HttpResult> pages = new ArrayList<>();
            history.forEachHttp(w.id(), pages::add);
            assertThat(pages.get(1)).isEqualTo(new HttpResult("http://127.0.0.1/b", 0, -1, null, -1, "timeout"));
            assertThatThrownBy(() -> RunDiff.diff(history, a, w, c -> {})).isInstanceOf(HistoryException.class);

            assertThat(history.pruneKeeping(1)).isEqualTo(2);
            assertThat(history.runs(10)).extracting(Run::id).containsExactly(w.id());
        }
    }

    /** Results go in a batch at a time (one JSON array per batch with SQLite): every text and null comes back as it went in, in order. */
    @Test
    void everyValueComesBackAsRecordedAcrossBatches() throws IOException {
        String[] texts = {
            "quote \" back\\slash",
            "new\nline\ttab\r",
            "ünïcödé 😀 ∑",
            "",
            "\u0001\u001f control",
            "</script> 'single' {\"json\":[1]}",
            "nul \u0000 inside",
            null
        };
        List<TcpResult> tcp = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            String text = texts[i % texts.length];
            tcp.add(new TcpResult(
                    "127.0.0." + (1 + i / 1000),
                    i % 7 == 0 ? null : "127.0.0." + (1 + i / 1000),
                    1 + i % 1000,
                    i % 3 == 0 ? "" : "ssh",
                    TcpState.values()[i % TcpState.values().length],
                    i % 5 == 0 ? -1 : 1_234_567L * i,
                    text,
                    i % 2 == 0 ? null : text));
        }
        List<HttpResult> http = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            String text = texts[i % texts.length];
            http.add(new HttpResult(
                    "http://127.0.0.1/" + i,
                    i % 4 == 0 ? 0 : 200 + i % 300,
                    i % 5 == 0 ? -1 : 7_000L * i,
                    i % 2 == 0 ? null : "http://127.0.0.1/" + text,
                    i % 3 == 0 ? -1 : 10L * i,
                    text));
        }
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            RunRecorder<TcpResult> scan = history.startRun(job(ResultKind.TCP), tcp.size());
            tcp.forEach(scan::record);
            Run a = scan.finish(true, Instant.now());
            RunRecorder<HttpResult> check = history.startRun(job(ResultKind.HTTP), http.size());
            http.forEach(check::record);
            Run b = check.finish(true, Instant.now());

            List<TcpResult> tcpBack = new ArrayList<>();
            history.forEachTcp(a.id(), tcpBack::add);
            List<TcpResult> expected = tcp.stream()
                    .map(r -> r.ip() == null
                            ? new TcpResult(
                                    r.host(),
                                    "",
                                    r.port(),
                                    r.service(),
                                    r.state(),
                                    r.latencyNanos() < 0 ? -1 : Math.round(r.latencyNanos() / 1000.0) * 1000,
                                    r.banner(),
                                    r.error())
                            : new TcpResult(
                                    r.host(),
                                    r.ip(),
                                    r.port(),
                                    r.service(),
                                    r.state(),
                                    r.latencyNanos() < 0 ? -1 : Math.round(r.latencyNanos() / 1000.0) * 1000,
                                    r.banner(),
                                    r.error()))
                    .toList();
            assertThat(tcpBack).isEqualTo(expected);
            List<HttpResult> httpBack = new ArrayList<>();
            history.forEachHttp(b.id(), httpBack::add);
            assertThat(httpBack).hasSize(http.size());
            for (int i = 0; i < http.size(); i++) {
                HttpResult r = http.get(i);
                long micros = r.latencyNanos() < 0 ? -1 : Math.round(r.latencyNanos() / 1000.0) * 1000;
                assertThat(httpBack.get(i))
                        .isEqualTo(new HttpResult(
                                r.url(), r.status(), micros, r.finalUrl(), r.contentLength(), r.error()));
            }
        }
    }

    @Test
    void aContinuedRunKeepsItsIdAndIgnoresResultsItAlreadyHas() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            RunRecorder<TcpResult> killed = history.startRun(job(ResultKind.TCP), 3);
            killed.record(tcp(1, TcpState.CLOSED, null));
            Run stopped = killed.finish(false, Instant.now());
            Set<String> file = Set.of(tcp(1, TcpState.CLOSED, null).targetKey());
            assertThat(history.incompleteRun(stopped.jobKey(), file))
                    .map(Run::id)
                    .contains(stopped.id());
            RunRecorder<TcpResult> resumed = history.continueRun(stopped);
            resumed.record(tcp(1, TcpState.CLOSED, null));
            resumed.record(tcp(2, TcpState.OPEN, null));
            resumed.record(tcp(3, TcpState.CLOSED, null));
            Run done = resumed.finish(true, Instant.now());
            assertThat(done.id()).isEqualTo(stopped.id());
            assertThat(done.results()).isEqualTo(3);
            assertThat(history.incompleteRun(stopped.jobKey(), file)).isEmpty();
            assertThat(history.runs(10)).hasSize(1);
        }
    }

    @Test
    void findingTheRunToContinueStopsReadingARunAtItsFirstResultOfAnotherFile() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            RunRecorder<TcpResult> wroteTheFile = history.startRun(job(ResultKind.TCP), 3);
            wroteTheFile.record(tcp(1, TcpState.OPEN, null));
            wroteTheFile.record(tcp(2, TcpState.CLOSED, null));
            Run older = wroteTheFile.finish(false, Instant.now());
            RunRecorder<TcpResult> wroteAnother = history.startRun(job(ResultKind.TCP), 2_000);
            for (int port = 1_001; port <= 2_000; port++) wroteAnother.record(tcp(port, TcpState.OPEN, null));
            wroteAnother.finish(false, Instant.now());
            Set<String> file = Set.of(
                    tcp(1, TcpState.OPEN, null).targetKey(),
                    tcp(2, TcpState.CLOSED, null).targetKey());
            AtomicInteger looked = new AtomicInteger();
            Set<String> counted = new AbstractSet<>() {
                @Override
                public boolean contains(Object key) {
                    looked.incrementAndGet();
                    return file.contains(key);
                }

                @Override
                public Iterator<String> iterator() {
                    return file.iterator();
                }

                @Override
                public int size() {
                    return file.size();
                }
            };
            assertThat(history.incompleteRun(older.jobKey(), counted))
                    .map(Run::id)
                    .contains(older.id());
            // the newer run's first result, then the older run's two
            assertThat(looked).hasValue(3);
        }
    }

    @Test
    void anImportedRunEndsWhenItsFileWasLastWrittenNotWhenItWasImported() throws IOException {
        Path file = dir.resolve("old.csv");
        try (var w = ResultWriters.openTcp(file, OutputFormat.CSV, false)) {
            w.write(tcp(1, TcpState.OPEN, null));
        }
        Instant written = Instant.parse("2025-03-04T05:06:07Z");
        Files.setLastModifiedTime(file, FileTime.from(written));
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            Run run = Importer.importFile(history, file);
            assertThat(run.started()).isEqualTo(written);
            assertThat(run.finished()).isEqualTo(written);
            assertThat(history.run(run.id()).orElseThrow().finished()).isEqualTo(written);
        }
    }

    @Test
    void aHundredThousandResultsStreamThroughTheRecorder() throws IOException {
        // Not a benchmark (bench/history.sh is): recording stays bounded and complete at size.
        try (History history = History.open(Database.sqlite(dir.resolve("big.db")))) {
            RunRecorder<TcpResult> recorder = history.startRun(job(ResultKind.TCP), 100_000);
            for (int i = 0; i < 100_000; i++) {
                recorder.record(new TcpResult(
                        "127.0." + (i >> 16) + "." + ((i >> 8) & 255),
                        "",
                        1 + (i & 255),
                        "",
                        TcpState.CLOSED,
                        1000,
                        null,
                        null));
            }
            assertThat(recorder.finish(true, Instant.now()).results()).isEqualTo(100_000);
        }
    }
}
