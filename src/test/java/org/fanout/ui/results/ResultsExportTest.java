package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.DirectUiExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results' export through the UiExecutor, without a toolkit: a view-model test. */
class ResultsExportTest {
    @TempDir
    Path dir;

    @Test
    void exportWritesTheRowsThenReportsTheCountOrTheFailure() throws Exception {
        ResultsViewModel results = new ResultsViewModel(new DirectUiExecutor());
        results.reset(ScanMode.TCP);
        results.addAll(List.of(
                new TcpResult("127.0.0.1", "127.0.0.1", 22, "ssh", TcpState.OPEN, 100_000, null, null),
                new TcpResult("127.0.0.1", "127.0.0.1", 23, "telnet", TcpState.CLOSED, 100_000, null, null),
                new TcpResult("127.0.0.2", "127.0.0.2", 80, "http", TcpState.OPEN, 100_000, null, null)));
        List<Integer> written = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();

        Path list = dir.resolve("open.txt");
        results.exportInBackground(list, false, ExportFormat.LIST, written::add, failed::add);
        assertThat(written).containsExactly(2);
        assertThat(Files.readAllLines(list, StandardCharsets.UTF_8)).containsExactly("127.0.0.1:22", "127.0.0.2:80");

        Path csv = dir.resolve("all.csv");
        results.exportInBackground(csv, false, ExportFormat.CSV, written::add, failed::add);
        assertThat(written).containsExactly(2, 3);
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).hasSize(4);

        // a folder that does not exist: the failure is reported, never silence
        results.exportInBackground(
                dir.resolve("missing").resolve("x.csv"), false, ExportFormat.CSV, written::add, failed::add);
        assertThat(written).containsExactly(2, 3);
        assertThat(failed).hasSize(1);
    }
}
