package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriters;
import org.junit.jupiter.api.Test;

/**
 * On a terminal the progress bar (stderr) and the rows (stdout) share one screen: every row
 * first clears the bar's line, or it would start after the bar's text ({@code …closed 2127.0.0.1}).
 */
class ProgressBesideRowsTest {
    @Test
    void everyRowClearsTheBarsLineFirst() throws Exception {
        StringWriter rows = new StringWriter();
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bar, true, StandardCharsets.UTF_8);
        Writer beside = Streams.besideProgressBar(rows, err);
        try (var w = ResultWriters.tcp(OutputFormat.TEXT, beside, true, true)) {
            for (int port = 1; port <= 3; port++) {
                err.print("\rports  10% [==   ] " + port + "/3"); // what the bar draws meanwhile
                w.write(new TcpResult("127.0.0.1", "127.0.0.1", port, "", TcpState.CLOSED, 1000, null, null));
            }
        }
        String drawn = bar.toString(StandardCharsets.UTF_8);
        assertThat(drawn.split("\r\033\\[K", -1)).hasSize(3 + 3); // the two header lines, then each row
        assertThat(drawn).endsWith("3/3\r\033[K");
        assertThat(rows.toString().lines()).hasSize(2 + 3).allSatisfy(l -> assertThat(l)
                .doesNotContain("\033"));
    }
}
