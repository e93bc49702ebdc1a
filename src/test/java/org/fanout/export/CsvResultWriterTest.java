package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvResultWriterTest {
    @TempDir
    Path dir;

    @Test
    void headersAreExactAndEveryFieldIsQuoted() throws IOException {
        Path tcp = dir.resolve("tcp.csv");
        try (var w = ResultWriters.openTcp(tcp, OutputFormat.CSV, false)) {
            w.write(Samples.OPEN_SSH);
        }
        assertThat(Files.readString(tcp))
                .isEqualTo(
                        "\"host\",\"ip\",\"port\",\"service\",\"state\",\"latency_ms\",\"banner\",\"error\",\"tls_version\",\"cert_subject\",\"cert_issuer\",\"cert_sans\",\"cert_not_after\",\"cert_days_left\",\"cert_trusted\",\"name\"\r\n"
                                + "\"localhost\",\"127.0.0.1\",\"22\",\"ssh\",\"open\",\"0.412\",\"SSH-2.0-OpenSSH_9.6\",\"\""
                                + ",\"\"".repeat(8) + "\r\n");

        Path http = dir.resolve("http.csv");
        try (var w = ResultWriters.openHttp(http, OutputFormat.CSV, false)) {
            w.write(new HttpResult("http://127.0.0.1:1/", 0, -1, null, -1, "connection_refused"));
        }
        assertThat(Files.readString(http))
                .isEqualTo(
                        "\"url\",\"status\",\"latency_ms\",\"final_url\",\"content_length\",\"error\",\"http_version\",\"server\",\"title\",\"tls_version\",\"cert_subject\",\"cert_issuer\",\"cert_sans\",\"cert_not_after\",\"cert_days_left\",\"cert_trusted\"\r\n"
                                + "\"http://127.0.0.1:1/\",\"\",\"\",\"\",\"\",\"connection_refused\""
                                + ",\"\"".repeat(10) + "\r\n");
    }

    @Test
    void tcpRoundTripKeepsAwkwardTextAndNeutralisesFormulas() throws IOException {
        Path file = dir.resolve("tcp.csv");
        try (var w = ResultWriters.openTcp(file, OutputFormat.CSV, false)) {
            for (TcpResult r : Samples.tcp()) {
                w.write(r);
            }
        }
        List<TcpResult> back;
        try (Stream<TcpResult> s = ResumeReader.readTcp(file)) {
            back = s.toList();
        }
        assertThat(back)
                .containsExactlyElementsOf(
                        Samples.tcp().stream().map(Samples::afterCsv).toList());
        assertThat(back.get(1).banner()).isEqualTo("a,b \"quoted\" line1\\nline2 ünï😀 日本");
        assertThat(back.get(4).host()).isEqualTo("bad,host\"name");
        assertThat(back.get(5).banner()).isEqualTo("'=HYPERLINK(\"http://127.0.0.1/\",\"click\")");
        assertThat(back.get(5).service()).isEqualTo("'=cmd");
        assertThat(back.get(5).error()).isEqualTo("'+1");
        assertThat(back.get(6).banner()).isEqualTo("'-2");
        assertThat(back.get(6).error()).isEqualTo("'@x");
        assertThat(back.get(7).error()).isEqualTo("multi\nline"); // raw line break, kept by quoting
        assertThat(back.get(8).banner()).isEqualTo("\\tindented");
        assertThat(back.get(8).error()).isEqualTo("'\rcr");
    }

    @Test
    void httpRoundTripKeepsAwkwardTextAndNeutralisesFormulas() throws IOException {
        Path file = dir.resolve("http.csv");
        try (var w = ResultWriters.openHttp(file, OutputFormat.CSV, false)) {
            for (HttpResult r : Samples.http()) {
                w.write(r);
            }
        }
        List<HttpResult> back;
        try (Stream<HttpResult> s = ResumeReader.readHttp(file)) {
            back = s.toList();
        }
        assertThat(back)
                .containsExactlyElementsOf(
                        Samples.http().stream().map(Samples::afterCsv).toList());
        assertThat(back.get(2)).isEqualTo(new HttpResult("http://127.0.0.1:1/", 0, -1, null, -1, "connection_refused"));
        assertThat(back.get(4).finalUrl()).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(back.get(4).error()).isEqualTo("'-2");
        assertThat(back.get(5).url()).isEqualTo("http://127.0.0.1:8080/line\nbreak");
    }

    @Test
    void bannerControlCharactersAreEscapedInTheFile() throws IOException {
        Path file = dir.resolve("tcp.csv");
        try (var w = ResultWriters.openTcp(file, OutputFormat.CSV, false)) {
            w.write(new TcpResult(
                    "localhost",
                    "127.0.0.1",
                    2002,
                    "",
                    TcpState.OPEN,
                    5_000,
                    "\u001b[2J\0bell\u0007\r\nnext\u009b",
                    null));
        }
        String text = Files.readString(file);
        assertThat(text).doesNotContain("\u001b", "\0", "\u0007", "\u009b");
        assertThat(text).contains("\"\\x1b[2J\\x00bell\\x07\\r\\nnext\\x9b\"");
        assertThat(text.split("\r\n")).hasSize(2);
    }

    @Test
    void appendingWritesNoSecondHeader() throws IOException {
        StringWriter out = new StringWriter();
        try (var w = ResultWriters.tcp(OutputFormat.CSV, out, false)) {
            w.write(Samples.OPEN_SSH);
        }
        assertThat(out.toString()).startsWith("\"localhost\"").doesNotContain("\"host\"");
    }

    @Test
    void flushesEachResultToDiskWhenAsked() throws IOException {
        Path file = dir.resolve("live.csv");
        var w = ResultWriters.openTcp(file, OutputFormat.CSV, false);
        try {
            w.write(Samples.OPEN_SSH);
            // not closed: what a kill -9 would leave behind
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
            assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).containsExactly(TcpResult.key("localhost", 22));
        } finally {
            w.close();
        }
    }

    @Test
    void buffersWhenNotAskedToFlushEachResult() throws IOException {
        Path file = dir.resolve("buffered.csv");
        var w = ResultWriters.tcp(OutputFormat.CSV, Files.newBufferedWriter(file), true, false);
        w.write(Samples.OPEN_SSH);
        assertThat(Files.size(file)).isZero();
        w.flush();
        assertThat(Files.readAllLines(file)).hasSize(2);
        w.close();
    }

    @Test
    void writesTheSameBytesAsTheCsvFormatPrints() throws IOException {
        // The writer quotes cells itself; it must print exactly what FORMAT's printer does,
        // awkward text included (quotes, commas, line breaks, formula starts, non-ASCII).
        StringWriter ours = new StringWriter();
        try (var w = ResultWriters.tcp(OutputFormat.CSV, ours, true)) {
            for (TcpResult r : Samples.tcp()) {
                w.write(r);
            }
        }
        StringWriter reference = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(reference, CsvResultWriter.FORMAT)) {
            p.printRecord(Columns.TCP);
            for (TcpResult r : Samples.tcp()) {
                p.printRecord(Columns.tcpRow(r));
            }
        }
        assertThat(ours.toString()).isEqualTo(reference.toString()).contains("\"\"quoted\"\"");

        StringWriter oursHttp = new StringWriter();
        try (var w = ResultWriters.http(OutputFormat.CSV, oursHttp, true)) {
            for (HttpResult r : Samples.http()) {
                w.write(r);
            }
        }
        StringWriter referenceHttp = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(referenceHttp, CsvResultWriter.FORMAT)) {
            p.printRecord(Columns.HTTP);
            for (HttpResult r : Samples.http()) {
                p.printRecord(Columns.httpRow(r));
            }
        }
        assertThat(oursHttp.toString()).isEqualTo(referenceHttp.toString());
    }
}
