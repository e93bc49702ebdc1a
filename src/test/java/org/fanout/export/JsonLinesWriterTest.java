package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesOneObjectPerLineWithTheCsvFieldNames() throws IOException {
        Path file = dir.resolve("tcp.jsonl");
        try (var w = ResultWriters.openTcp(file, OutputFormat.JSON, false)) {
            for (TcpResult r : Samples.tcp()) {
                w.write(r);
            }
        }
        String text = Files.readString(file);
        assertThat(text).endsWith("}\n");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(Samples.tcp().size());
        for (String line : lines) {
            JsonNode node = MAPPER.readTree(line);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactlyElementsOf(Columns.TCP);
        }
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertThat(first.get("host").asText()).isEqualTo("localhost");
        assertThat(first.get("port").isInt()).isTrue();
        assertThat(first.get("port").intValue()).isEqualTo(22);
        assertThat(first.get("state").asText()).isEqualTo("open");
        assertThat(first.get("latency_ms").isNumber()).isTrue();
        assertThat(lines.get(0)).contains("\"latency_ms\":0.412");
        assertThat(first.get("error").isNull()).isTrue();

        JsonNode error = MAPPER.readTree(lines.get(4));
        assertThat(error.get("latency_ms").isNull()).isTrue();
        assertThat(error.get("banner").isNull()).isTrue();
        assertThat(error.get("host").asText()).isEqualTo("bad,host\"name");

        JsonNode formula = MAPPER.readTree(lines.get(5));
        assertThat(formula.get("banner").asText()).isEqualTo("=HYPERLINK(\"http://127.0.0.1/\",\"click\")");

        JsonNode controls = MAPPER.readTree(lines.get(7));
        assertThat(controls.get("banner").asText()).isEqualTo("\\x1b[31mred\\x1b[0m\\x00\\x07\\r\\n\\\\end");
        assertThat(text).doesNotContain("\u001b", "\u0007");
    }

    @Test
    void httpNumbersAreNumbersAndAbsentValuesNull() throws IOException {
        Path file = dir.resolve("http.jsonl");
        try (var w = ResultWriters.openHttp(file, OutputFormat.JSON, false)) {
            for (HttpResult r : Samples.http()) {
                w.write(r);
            }
        }
        List<String> lines = Files.readAllLines(file);
        JsonNode ok = MAPPER.readTree(lines.get(0));
        List<String> names = new ArrayList<>();
        ok.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(Columns.HTTP);
        assertThat(ok.get("status").intValue()).isEqualTo(200);
        assertThat(ok.get("latency_ms").isIntegralNumber()).isTrue();
        assertThat(ok.get("latency_ms").intValue()).isEqualTo(12);
        assertThat(ok.get("content_length").longValue()).isEqualTo(512);
        assertThat(ok.get("error").isNull()).isTrue();

        JsonNode refused = MAPPER.readTree(lines.get(2));
        assertThat(refused.get("status").isNull()).isTrue();
        assertThat(refused.get("latency_ms").isNull()).isTrue();
        assertThat(refused.get("final_url").isNull()).isTrue();
        assertThat(refused.get("content_length").isNull()).isTrue();
        assertThat(refused.get("error").asText()).isEqualTo("connection_refused");

        assertThat(MAPPER.readTree(lines.get(5)).get("url").asText()).isEqualTo("http://127.0.0.1:8080/line\nbreak");
    }

    @Test
    void roundTripsThroughTheReader() throws IOException {
        Path tcp = dir.resolve("tcp.jsonl");
        try (var w = ResultWriters.openTcp(tcp, OutputFormat.JSON, false)) {
            for (TcpResult r : Samples.tcp()) {
                w.write(r);
            }
        }
        try (Stream<TcpResult> s = ResumeReader.readTcp(tcp)) {
            assertThat(s.toList())
                    .containsExactlyElementsOf(
                            Samples.tcp().stream().map(Samples::afterJson).toList());
        }
        Path http = dir.resolve("http.jsonl");
        try (var w = ResultWriters.openHttp(http, OutputFormat.JSON, false)) {
            for (HttpResult r : Samples.http()) {
                w.write(r);
            }
        }
        try (Stream<HttpResult> s = ResumeReader.readHttp(http)) {
            assertThat(s.toList()).containsExactlyElementsOf(Samples.http());
        }
    }

    @Test
    void flushesEachResultToDisk() throws IOException {
        Path file = dir.resolve("live.jsonl");
        var w = ResultWriters.openTcp(file, OutputFormat.JSON, false);
        try {
            w.write(Samples.OPEN_SSH);
            assertThat(Files.readString(file)).endsWith("}\n");
            assertThat(MAPPER.readTree(Files.readString(file)).get("port").intValue())
                    .isEqualTo(22);
            w.write(Samples.tcp().get(1));
            assertThat(Files.readAllLines(file)).hasSize(2);
        } finally {
            w.close();
        }
    }
}
