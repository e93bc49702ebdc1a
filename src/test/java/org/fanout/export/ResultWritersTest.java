package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResultWritersTest {
    @TempDir
    Path dir;

    private static TcpResult open(int port) {
        return new TcpResult("127.0.0.1", "127.0.0.1", port, "", TcpState.OPEN, 1_000, null, null);
    }

    @ParameterizedTest
    @EnumSource(
            value = OutputFormat.class,
            names = {"CSV", "JSON"})
    void resumeAppendsAfterTheLastCompleteRecordWithoutASecondHeader(OutputFormat format) throws IOException {
        Path file = dir.resolve("scan." + format.label());
        try (var w = ResultWriters.openTcp(file, format, false)) {
            w.write(open(1));
            w.write(open(2));
        }
        Files.writeString(file, "\"127.0.0.1\",\"127.", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(ResumeReader.doneKeys(file, ResultKind.TCP)).hasSize(2);
        try (var w = ResultWriters.openTcp(file, format, true)) {
            w.write(open(3));
        }
        try (Stream<TcpResult> s = ResumeReader.readTcp(file)) {
            assertThat(s).containsExactly(open(1), open(2), open(3));
        }
        if (format == OutputFormat.CSV) {
            assertThat(Files.readString(file)).containsOnlyOnce("\"host\"");
        }
    }

    @Test
    void appendingToAMissingOrEmptyFileWritesTheHeader() throws IOException {
        Path file = dir.resolve("new.csv");
        try (var w = ResultWriters.openHttp(file, OutputFormat.CSV, true)) {
            w.write(new HttpResult("http://127.0.0.1/", 200, 1_000, "http://127.0.0.1/", 5, null));
        }
        assertThat(Files.readAllLines(file))
                .hasSize(2)
                .first()
                .isEqualTo(
                        "\"url\",\"status\",\"latency_ms\",\"final_url\",\"content_length\",\"error\",\"http_version\",\"server\",\"title\",\"tls_version\",\"cert_subject\",\"cert_issuer\",\"cert_sans\",\"cert_not_after\",\"cert_days_left\",\"cert_trusted\"");
    }

    @Test
    void withoutAppendTheFileStartsAgain() throws IOException {
        Path file = dir.resolve("scan.csv");
        for (int round = 0; round < 2; round++) {
            try (var w = ResultWriters.openTcp(file, OutputFormat.CSV, false)) {
                w.write(open(1));
            }
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void refusesToAppendAnotherKindOrFormat() throws IOException {
        Path csv = dir.resolve("scan.csv");
        try (var w = ResultWriters.openTcp(csv, OutputFormat.CSV, false)) {
            w.write(open(1));
        }
        long size = Files.size(csv);
        assertThatThrownBy(() -> ResultWriters.openTcp(csv, OutputFormat.JSON, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(csv + " is a CSV file; cannot append json to it");
        assertThatThrownBy(() -> ResultWriters.openHttp(csv, OutputFormat.CSV, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Fanout http CSV");
        assertThat(Files.size(csv)).isEqualTo(size);
    }

    @Test
    void factoryPicksTheFormat() throws IOException {
        StringWriter csv = new StringWriter();
        StringWriter json = new StringWriter();
        StringWriter text = new StringWriter();
        try (var a = ResultWriters.tcp(OutputFormat.CSV, csv, true);
                var b = ResultWriters.tcp(OutputFormat.JSON, json, true);
                var c = ResultWriters.tcp(OutputFormat.TEXT, text, true)) {
            a.write(open(1));
            b.write(open(1));
            c.write(open(1));
        }
        assertThat(csv.toString()).startsWith("\"host\",\"ip\"");
        assertThat(json.toString()).startsWith("{\"host\":\"127.0.0.1\"").endsWith("}\n");
        assertThat(text.toString()).startsWith("host ");
    }
}
