package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTableWriterTest {
    @TempDir
    Path dir;

    @Test
    void tcpTableIsAligned() throws IOException {
        StringWriter out = new StringWriter();
        int width;
        try (var w = TextTableWriter.tcp(out, true, true)) {
            width = w.lineWidth();
            w.write(Samples.OPEN_SSH);
            w.write(new TcpResult(
                    "a-very-long-host-name.localhost",
                    "127.0.0.1",
                    8080,
                    "http-alt",
                    TcpState.OPEN,
                    12_000_000,
                    "x".repeat(200),
                    null));
            w.write(new TcpResult("127.0.0.3", "127.0.0.3", 1, "", TcpState.FILTERED, -1, null, "timeout"));
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(out.toString()).endsWith("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(width));
        assertThat(lines.get(0)).startsWith("host ").contains(" port  service ").contains("latency_ms  banner");
        assertThat(lines.get(1)).matches("[- ]+");
        assertThat(lines.get(3)).contains("a-very-long-host-name.l…").contains("x…");
        // numbers right-aligned under their header
        int portEnd = lines.get(0).indexOf("port") + "port".length();
        assertThat(lines.get(2).substring(0, portEnd)).endsWith("   22");
        assertThat(lines.get(3).substring(0, portEnd)).endsWith(" 8080");
        int latencyEnd = lines.get(0).indexOf("latency_ms") + "latency_ms".length();
        assertThat(lines.get(2).substring(0, latencyEnd)).endsWith(" 0.412");
    }

    @Test
    void httpTableIsAligned() throws IOException {
        StringWriter out = new StringWriter();
        int width;
        try (var w = TextTableWriter.http(out, true, true)) {
            width = w.lineWidth();
            for (HttpResult r : Samples.http()) {
                if (r.url().chars().allMatch(c -> c < 0x80)) {
                    w.write(r);
                }
            }
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2 + 5);
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(width));
        assertThat(lines.get(0)).startsWith("url ");
    }

    @Test
    void controlCharactersNeverReachTheTerminal() throws IOException {
        StringWriter out = new StringWriter();
        try (var w = TextTableWriter.tcp(out, false, true)) {
            w.write(new TcpResult(
                    "evil\u001b]0;title\u0007",
                    "127.0.0.1",
                    25,
                    "smtp",
                    TcpState.OPEN,
                    1_000,
                    "\u001b[2J\r\n\0\u009b",
                    "e\nr"));
        }
        String text = out.toString();
        assertThat(text.lines()).hasSize(1);
        assertThat(text.substring(0, text.length() - 1).chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
        assertThat(text).contains("evil\\x1b]0;title\\x07", "\\x1b[2J\\r\\n\\x00\\x9b", "e\\nr");
        assertThat(text).doesNotContain("host"); // no header when not needed
    }

    @Test
    void flushesEachResultToDiskWhenAsked() throws IOException {
        Path file = dir.resolve("table.txt");
        var w = ResultWriters.openTcp(file, OutputFormat.TEXT, false);
        try {
            w.write(Samples.OPEN_SSH);
            assertThat(Files.readAllLines(file)).hasSize(3);
        } finally {
            w.close();
        }
        try (var again = ResultWriters.openTcp(file, OutputFormat.TEXT, true)) {
            again.write(Samples.OPEN_SSH);
        }
        assertThat(Files.readAllLines(file)).hasSize(4); // header printed once
    }

    @Test
    void aTableIsAppendedOnlyToATable() throws IOException {
        Path csv = dir.resolve("results.csv");
        try (var w = ResultWriters.openTcp(csv, OutputFormat.CSV, false)) {
            w.write(Samples.OPEN_SSH);
        }
        byte[] before = Files.readAllBytes(csv);
        assertThatThrownBy(() -> ResultWriters.openTcp(csv, OutputFormat.TEXT, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Fanout tcp text table");
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
    }

    /**
     * Every line is the rule applied cell by cell: each value escaped, cut to its column's width in
     * code points and padded to it (numbers to the right), two spaces between. Long banners, a
     * host of many code points, emoji, control characters and a latency wider than its column.
     */
    @Test
    void everyLineIsItsCellsEscapedCutAndPadded() throws IOException {
        List<TcpResult> results = new ArrayList<>(Samples.tcp());
        results.add(new TcpResult(
                "h😀".repeat(30),
                "::1",
                7,
                "x".repeat(40),
                TcpState.OPEN,
                123_456_789_012_345L,
                "\u001b[31mred\u0007 " + "b".repeat(100),
                "e\ta\nb"));
        results.add(new TcpResult("", null, 65535, null, null, 0, "", ""));
        StringWriter out = new StringWriter();
        try (var w = TextTableWriter.tcp(out, true, false)) {
            for (TcpResult r : results) w.write(r);
        }
        int[] widths = {24, 16, 5, 10, 8, 10, 36, 14};
        boolean[] right = {false, false, true, false, false, true, false, false};
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(results.size() + 2);
        for (int n = 0; n < results.size(); n++) {
            TcpResult r = results.get(n);
            String[] values = {
                r.host(),
                r.ip(),
                Integer.toString(r.port()),
                r.service(),
                r.state() == null ? "" : r.state().label(),
                Columns.latencyMillis(r.latencyNanos()),
                r.banner(),
                r.error()
            };
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                String cell = CellSafety.cap(CellSafety.escapeControls(values[i]), widths[i]);
                String padding = " ".repeat(Math.max(0, widths[i] - cell.codePointCount(0, cell.length())));
                if (i > 0) expected.append("  ");
                expected.append(right[i] ? padding + cell : cell + padding);
            }
            assertThat(lines.get(n + 2)).as("row %d", n).isEqualTo(expected.toString());
        }
    }
}
