package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void parsesNamesIgnoringCase() {
        assertThat(OutputFormat.parse("csv")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.parse("JSON")).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.parse(" Text ")).isEqualTo(OutputFormat.TEXT);
    }

    @Test
    void rejectsUnknownNamesClearly() {
        assertThatThrownBy(() -> OutputFormat.parse("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown output format 'xml': expected one of csv, json, text");
        assertThatThrownBy(() -> OutputFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutputFormat.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void guessesFromFileName() {
        assertThat(OutputFormat.fromFileName(Path.of("out/results.csv"))).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.fromFileName(Path.of("r.JSON"))).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.fromFileName(Path.of("r.jsonl"))).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.fromFileName(Path.of("r.ndjson"))).isEqualTo(OutputFormat.JSON);
        assertThat(OutputFormat.fromFileName(Path.of("r.txt"))).isEqualTo(OutputFormat.TEXT);
        assertThat(OutputFormat.fromFileName(Path.of("results"))).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.fromFileName(Path.of("json.out"))).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.fromFileName(Path.of("/"))).isEqualTo(OutputFormat.CSV);
    }

    @Test
    void labelsAreLowerCase() {
        assertThat(OutputFormat.JSON.label()).isEqualTo("json");
        assertThat(ResultKind.HTTP.label()).isEqualTo("http");
        assertThat(ResultKind.TCP.columns()).isSameAs(Columns.TCP);
    }
}
