import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.CellSafety;
import org.fanout.export.CsvResultWriter;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriters;

/**
 * Bytes allocated and CPU per CSV row, 262,144 closed-port TCP rows to a null stream: the old path
 * (commons-csv printer, BigDecimal latency) vs CsvResultWriter. Thread CPU and allocated bytes, so
 * the figures hold on a busy machine too. Run from the repository root after a build:
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/classes:$(ls target/lib/*.jar | grep -v javafx | paste -sd:)" bench/CsvRowCost.java</pre>
 */
public class CsvRowCost {
    static final int ROWS = 262_144;
    static final com.sun.management.ThreadMXBean MX =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] a) throws Exception {
        TcpResult[] rs = new TcpResult[ROWS];
        for (int i = 0; i < ROWS; i++) {
            rs[i] = new TcpResult(
                    "127.0." + (i >> 8 & 255) + "." + (i & 255),
                    "127.0." + (i >> 8 & 255) + "." + (i & 255),
                    1373,
                    "",
                    TcpState.CLOSED,
                    40_000 + i * 7L,
                    null,
                    "connection_refused");
        }
        for (int round = 0; round < 8; round++) {
            measure("old", rs, true);
            measure("new", rs, false);
        }
    }

    static void measure(String name, TcpResult[] rs, boolean old) throws Exception {
        Writer out =
                new BufferedWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
        long b0 = MX.getCurrentThreadAllocatedBytes(), t0 = MX.getCurrentThreadCpuTime();
        if (old) {
            CSVPrinter p = new CSVPrinter(out, CsvResultWriter.FORMAT);
            for (TcpResult r : rs) {
                // the row as Columns.tcpRow built it before: BigDecimal latency, printed by commons-csv
                p.printRecord(List.of(
                        CellSafety.neutralise(r.host()),
                        CellSafety.neutralise(r.ip()),
                        Integer.toString(r.port()),
                        CellSafety.neutralise(r.service()),
                        r.state() == null ? "" : r.state().label(),
                        BigDecimal.valueOf(r.latencyNanos(), 6)
                                .setScale(3, RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString(),
                        CellSafety.neutralise(CellSafety.escapeControls(r.banner())),
                        CellSafety.neutralise(r.error())));
            }
            p.flush();
        } else {
            var w = ResultWriters.tcp(OutputFormat.CSV, out, true, false);
            for (TcpResult r : rs) {
                w.write(r);
            }
            w.flush();
        }
        long t1 = MX.getCurrentThreadCpuTime(), b1 = MX.getCurrentThreadAllocatedBytes();
        System.out.printf(
                "%s: %.0f bytes/row, %.0f CPU ns/row%n", name, (b1 - b0) / (double) ROWS, (t1 - t0) / (double) ROWS);
    }
}
