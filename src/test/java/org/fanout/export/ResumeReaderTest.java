package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeReaderTest {
    @TempDir
    Path dir;

    private Path writeTcp(String name, OutputFormat format, List<TcpResult> results) throws IOException {
        Path file = dir.resolve(name);
        try (var w = ResultWriters.openTcp(file, format, false)) {
            for (TcpResult r : results) {
                w.write(r);
            }
        }
        return file;
    }

    private static TcpResult open(int port) {
        return new TcpResult("127.0.0.1", "127.0.0.1", port, "", TcpState.OPEN, 1_000, "banner " + port, null);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void missingOrEmptyFileHasNothingDone() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThat(ResumeReader.doneKeys(missing, ResultKind.TCP)).isEmpty();
        assertThat(ResumeReader.doneKeys(missing, ResultKind.HTTP)).isEmpty();
        assertThat(CompleteRecords.truncatePartialLastLine(missing)).isFalse();
        assertThat(CompleteRecords.endsWithNewline(missing)).isFalse();
        assertThat(CompleteRecords.completeLength(missing)).isZero();
        assertThat(Files.exists(missing)).isFalse();
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThat(ResumeReader.doneKeys(empty, ResultKind.TCP)).isEmpty();
        try (Stream<TcpResult> s = ResumeReader.readTcp(empty)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void doneKeysOfTcpAndHttpFiles() throws IOException {
        Path tcp = writeTcp("tcp.csv", OutputFormat.CSV, Samples.tcp());
        Set<String> keys = ResumeReader.doneKeys(tcp, ResultKind.TCP);
        assertThat(keys)
                .hasSize(Samples.tcp().size())
                .contains(
                        TcpResult.key("localhost", 22),
                        TcpResult.key("bad,host\"name", 443),
                        TcpResult.key("::1", 2003));
        // unmodifiable, so a resumed scan holds the one set the history also reads, no copy of it
        assertThat(Set.copyOf(keys)).isSameAs(keys);

        Path http = dir.resolve("http.jsonl");
        try (var w = ResultWriters.openHttp(http, OutputFormat.JSON, false)) {
            for (HttpResult r : Samples.http()) {
                w.write(r);
            }
        }
        assertThat(ResumeReader.doneKeys(http, ResultKind.HTTP))
                .containsExactlyInAnyOrderElementsOf(
                        Samples.http().stream().map(HttpResult::url).toList());
    }

    @Test
    void truncatedLastCsvRecordIsIgnoredThenCutOff() throws IOException {
        Path file = writeTcp("tcp.csv", OutputFormat.CSV, List.of(open(1), open(2)));
        long complete = Files.size(file);
        assertThat(CompleteRecords.endsWithNewline(file)).isTrue();
        assertThat(CompleteRecords.truncatePartialLastLine(file)).isFalse();

        append(file, "\"127.0.0.1\",\"127.0.0.1\",\"3\",\"\",\"op"); // killed mid-write
        assertThat(CompleteRecords.endsWithNewline(file)).isFalse();
        assertThat(CompleteRecords.completeLength(file)).isEqualTo(complete);
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP))
                .containsExactlyInAnyOrder(TcpResult.key("127.0.0.1", 1), TcpResult.key("127.0.0.1", 2));
        try (Stream<TcpResult> s = ResumeReader.readTcp(file)) {
            assertThat(s).containsExactly(open(1), open(2));
        }

        assertThat(CompleteRecords.truncatePartialLastLine(file)).isTrue();
        assertThat(Files.size(file)).isEqualTo(complete);
        assertThat(CompleteRecords.endsWithNewline(file)).isTrue();
    }

    @Test
    void recordWithAllFieldsButNoLineEndIsNotCountedAsDone() throws IOException {
        Path file = writeTcp("tcp.csv", OutputFormat.CSV, List.of(open(1)));
        append(file, "\"127.0.0.1\",\"127.0.0.1\",\"2\",\"\",\"open\",\"0.001\",\"\",\"\"\r");
        // counted and cut by the same rule: a result counted as done is never the one cut off
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).containsExactly(TcpResult.key("127.0.0.1", 1));
        assertThat(CompleteRecords.truncatePartialLastLine(file)).isTrue();
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).containsExactly(TcpResult.key("127.0.0.1", 1));
    }

    @Test
    void lineBreakInsideAQuotedCellIsNotARecordEnd() throws IOException {
        TcpResult multiline = new TcpResult("127.0.0.1", "127.0.0.1", 7, "", TcpState.ERROR, -1, null, "two\nlines");
        Path file = writeTcp("tcp.csv", OutputFormat.CSV, List.of(open(1), multiline));
        long complete = Files.size(file);
        append(file, "\"127.0.0.1\",\"127.0.0.1\",\"8\",\"\",\"error\",\"\",\"\",\"half\nof it");
        assertThat(CompleteRecords.completeLength(file)).isEqualTo(complete);
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP))
                .containsExactlyInAnyOrder(TcpResult.key("127.0.0.1", 1), TcpResult.key("127.0.0.1", 7));
        CompleteRecords.truncatePartialLastLine(file);
        try (Stream<TcpResult> s = ResumeReader.readTcp(file)) {
            assertThat(s).containsExactly(open(1), multiline);
        }
    }

    @Test
    void truncatedLastJsonLineIsIgnoredThenCutOff() throws IOException {
        Path file = writeTcp("tcp.jsonl", OutputFormat.JSON, List.of(open(1), open(2)));
        long complete = Files.size(file);
        append(file, "{\"host\":\"127.0.0.1\",\"ip\":\"127.0.0.1\",\"port\":3,\"serv");
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).hasSize(2);
        assertThat(CompleteRecords.truncatePartialLastLine(file)).isTrue();
        assertThat(Files.size(file)).isEqualTo(complete);
    }

    @Test
    void partialHeaderCountsAsAnEmptyFile() throws IOException {
        Path file = dir.resolve("tcp.csv");
        Files.writeString(file, "\"host\",\"ip\",\"po");
        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).isEmpty();
        assertThat(CompleteRecords.truncatePartialLastLine(file)).isTrue();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void rejectsAFileOfAnotherKind() throws IOException {
        Path tcp = writeTcp("tcp.csv", OutputFormat.CSV, List.of(open(1)));
        assertThatThrownBy(() -> ResumeReader.doneKeys(tcp, ResultKind.HTTP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(tcp + " is not a Fanout http CSV: header host,ip,port,");

        Path other = dir.resolve("other.csv");
        Files.writeString(other, "name,value\r\na,1\r\n");
        assertThatThrownBy(() -> ResumeReader.doneKeys(other, ResultKind.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Fanout tcp CSV: header name,value");

        Path json = writeTcp("tcp.jsonl", OutputFormat.JSON, List.of(open(1)));
        assertThatThrownBy(() -> ResumeReader.doneKeys(json, ResultKind.HTTP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Fanout http JSON lines file: line 1 has fields [host, ip,");
    }

    @Test
    void rejectsMalformedCompleteRecords() throws IOException {
        Path fewer = writeTcp("fewer.csv", OutputFormat.CSV, List.of(open(1)));
        append(fewer, "\"127.0.0.1\",\"2\"\r\n");
        assertThatThrownBy(() -> ResumeReader.doneKeys(fewer, ResultKind.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(fewer + ": record 3 has 2 fields, expected 16");

        Path badPort = writeTcp("port.csv", OutputFormat.CSV, List.of(open(1)));
        append(badPort, "\"127.0.0.1\",\"127.0.0.1\",\"x\",\"\",\"open\",\"\",\"\",\"\"" + ",\"\"".repeat(8) + "\r\n");
        assertThatThrownBy(() -> ResumeReader.doneKeys(badPort, ResultKind.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 3")
                .hasMessageContaining("is not a whole number");

        Path badJson = writeTcp("bad.jsonl", OutputFormat.JSON, List.of(open(1)));
        append(badJson, "{not json}\n");
        assertThatThrownBy(() -> ResumeReader.doneKeys(badJson, ResultKind.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(": line 2 is not valid JSON");
    }

    @Test
    void refusesToCutWhatLooksLikeDamageRatherThanAPartialRecord() throws IOException {
        Path file = writeTcp("tcp.csv", OutputFormat.CSV, List.of(open(1)));
        long size = Files.size(file);
        append(file, "\"stray quote\n" + "x".repeat((int) CompleteRecords.MAX_PARTIAL_RECORD) + "\n");
        assertThatThrownBy(() -> CompleteRecords.truncatePartialLastLine(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks damaged");
        assertThat(Files.size(file)).isGreaterThan(size + CompleteRecords.MAX_PARTIAL_RECORD);
    }

    @Test
    void aLineDamagedInTheMiddleIsNamedNotTakenForAPartialLastRecord() throws IOException {
        List<TcpResult> results = new ArrayList<>();
        for (int port = 1; port <= 3000; port++) {
            results.add(open(port));
        }
        Path file = writeTcp("tcp.csv", OutputFormat.CSV, results);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        lines.set(1233, lines.get(1233).substring(0, 20)); // line 1234: an unmatched quote
        Files.writeString(file, String.join("\r\n", lines) + "\r\n");
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ResumeReader.doneKeys(file, ResultKind.TCP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " line 1234: ")
                .hasMessageContaining("1767 more lines");
        assertThatThrownBy(() -> CompleteRecords.truncatePartialLastLine(file))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void readsFilesWrittenBeforeTheTlsColumnsAndRoundTripsTheNewOnes() throws IOException {
        Path old = dir.resolve("old.csv");
        Files.writeString(
                old,
                "url,status,latency_ms,final_url,content_length,error\r\n"
                        + "http://127.0.0.1:1/,200,1.5,http://127.0.0.1:1/,5,\r\n");
        try (Stream<HttpResult> s = ResumeReader.readHttp(old)) {
            assertThat(s)
                    .containsExactly(
                            new HttpResult("http://127.0.0.1:1/", 200, 1_500_000, "http://127.0.0.1:1/", 5, null));
        }
        Path oldJson = dir.resolve("old.jsonl");
        Files.writeString(
                oldJson,
                "{\"url\":\"http://127.0.0.1:1/\",\"status\":null,\"latency_ms\":null,"
                        + "\"final_url\":null,\"content_length\":null,\"error\":\"timeout\"}\n");
        try (Stream<HttpResult> s = ResumeReader.readHttp(oldJson)) {
            assertThat(s).containsExactly(new HttpResult("http://127.0.0.1:1/", 0, -1, null, -1, "timeout"));
        }
        assertThatThrownBy(() -> AppendCheck.check(old, ResultKind.HTTP, OutputFormat.CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("older Fanout");

        var cert = new CertificateInfo(
                "TLSv1.3",
                "CN=localhost",
                "CN=Test CA,O=x",
                "localhost,127.0.0.1",
                Instant.parse("2030-01-02T03:04:05Z"),
                1234,
                false);
        var r = new HttpResult(
                "https://127.0.0.1:2/",
                200,
                1_000,
                "https://127.0.0.1:2/",
                7,
                null,
                "HTTP/1.1",
                "nginx",
                "Caf\u00e9 & co",
                cert);
        var t = new TcpResult(
                "127.0.0.1", "127.0.0.1", 443, "https", TcpState.OPEN, 1_000, null, null, cert, "localhost");
        for (OutputFormat format : List.of(OutputFormat.CSV, OutputFormat.JSON)) {
            Path file = dir.resolve("new-http." + format.label());
            try (var w = ResultWriters.openHttp(file, format, false)) {
                w.write(r);
            }
            try (Stream<HttpResult> s = ResumeReader.readHttp(file)) {
                assertThat(s).as(format.label()).containsExactly(r);
            }
            Path tcp = dir.resolve("new-tcp." + format.label());
            try (var w = ResultWriters.openTcp(tcp, format, false)) {
                w.write(t);
            }
            try (Stream<TcpResult> s = ResumeReader.readTcp(tcp)) {
                assertThat(s).as(format.label()).containsExactly(t);
            }
        }
    }

    @Test
    void toleratesAByteOrderMark() throws IOException {
        Path file = dir.resolve("excel.csv");
        Files.writeString(
                file,
                "\uFEFFhost,ip,port,service,state,latency_ms,banner,error\r\n"
                        + "localhost,127.0.0.1,22,ssh,open,0.5,,\r\n");
        try (Stream<TcpResult> s = ResumeReader.readTcp(file)) {
            assertThat(s)
                    .containsExactly(
                            new TcpResult("localhost", "127.0.0.1", 22, "ssh", TcpState.OPEN, 500_000, null, null));
        }
    }
}
