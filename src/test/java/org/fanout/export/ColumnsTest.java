package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.junit.jupiter.api.Test;

class ColumnsTest {
    @Test
    void headersAreTheContract() {
        assertThat(String.join(",", Columns.TCP))
                .isEqualTo(
                        "host,ip,port,service,state,latency_ms,banner,error,tls_version,cert_subject,cert_issuer,cert_sans,cert_not_after,cert_days_left,cert_trusted,name");
        assertThat(String.join(",", Columns.HTTP))
                .isEqualTo(
                        "url,status,latency_ms,final_url,content_length,error,http_version,server,title,tls_version,cert_subject,cert_issuer,cert_sans,cert_not_after,cert_days_left,cert_trusted");
        assertThat(String.join(",", Columns.COMPARE))
                .isEqualTo(
                        "strategy,threads,targets,wall_ms,throughput_per_s,cpu_user_ms,cpu_sys_ms,peak_threads,peak_heap_mb");
    }

    @Test
    void formatsLatencyWithUpToThreeDecimalsWhateverTheLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Columns.latencyMillis(412_000)).isEqualTo("0.412");
            assertThat(Columns.latencyMillis(12_000_000)).isEqualTo("12");
            assertThat(Columns.latencyMillis(1_000_000_000)).isEqualTo("1000");
            assertThat(Columns.latencyMillis(1_500_000)).isEqualTo("1.5");
            assertThat(Columns.latencyMillis(1_234_567)).isEqualTo("1.235");
            assertThat(Columns.latencyMillis(0)).isEqualTo("0");
            assertThat(Columns.latencyMillis(400)).isEqualTo("0");
            assertThat(Columns.latencyMillis(-1)).isEmpty();
        } finally {
            Locale.setDefault(saved);
        }
        assertThat(Columns.parseLatencyMillis("0.412")).isEqualTo(412_000);
        assertThat(Columns.parseLatencyMillis("12")).isEqualTo(12_000_000);
        assertThat(Columns.parseLatencyMillis("")).isEqualTo(-1);
    }

    @Test
    void tcpRowFollowsTheCellRules() {
        var r = new TcpResult("localhost", "127.0.0.1", 22, "ssh", TcpState.OPEN, 412_000, "=cmd\u001b[0m\r\n", null);
        assertThat(Columns.tcpRow(r))
                .containsExactly(
                        "localhost",
                        "127.0.0.1",
                        "22",
                        "ssh",
                        "open",
                        "0.412",
                        "'=cmd\\x1b[0m\\r\\n",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "");
        var none = new TcpResult("-x", "", 1, null, TcpState.ERROR, -1, null, "unknown_host");
        assertThat(Columns.tcpRow(none))
                .containsExactly("'-x", "", "1", "", "error", "", "", "unknown_host", "", "", "", "", "", "", "", "");
    }

    @Test
    void httpRowFollowsTheCellRules() {
        var ok = new HttpResult("http://127.0.0.1:8080/", 200, 12_000_000, "http://127.0.0.1:8080/home", 512, null);
        assertThat(Columns.httpRow(ok))
                .containsExactly(
                        "http://127.0.0.1:8080/",
                        "200",
                        "12",
                        "http://127.0.0.1:8080/home",
                        "512",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "");
        var failed = new HttpResult("http://127.0.0.1:1/", 0, -1, null, -1, "connection_refused");
        assertThat(Columns.httpRow(failed))
                .containsExactly(
                        "http://127.0.0.1:1/",
                        "",
                        "",
                        "",
                        "",
                        "connection_refused",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "");
        var empty = new HttpResult("http://127.0.0.1/", 204, 0, "http://127.0.0.1/", 0, null);
        assertThat(Columns.httpRow(empty).get(4)).isEqualTo("0");
    }

    @Test
    void numbersAreWrittenAsLongToStringWritesThem() {
        SplittableRandom random = new SplittableRandom(15);
        char[] to = new char[Columns.MAX_NUMBER_CHARS + 3];
        for (int i = 0; i < 100_000; i++) {
            long value =
                    switch (i % 4) {
                        case 0 -> random.nextLong(70_000);
                        case 1 -> random.nextLong(Long.MAX_VALUE);
                        case 2 -> (long) Math.pow(10, i % 19) - (i % 3) + 1; // around every power of ten
                        default -> random.nextLong();
                    };
            if (i == 0) value = Long.MAX_VALUE;
            if (i == 1) value = Long.MIN_VALUE;
            if (i == 2) value = 0;
            int end = Columns.putDecimal(to, 3, value);
            assertThat(new String(to, 3, end - 3)).as("%d", value).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void latencyHasTheDigitsOfBigDecimalRounding() {
        // The cell is formatted with integer arithmetic; it must agree with the decimal rule
        // (half up to microseconds, no trailing zeros) everywhere, at rounding edges too.
        SplittableRandom random = new SplittableRandom(14);
        long[] edges = {
            0,
            1,
            499,
            500,
            999,
            1_000,
            1_499,
            1_500,
            9_999_500,
            10_000_000,
            99_999_499,
            100_000_500,
            123_456_789_012L,
            Long.MAX_VALUE / 2
        };
        for (long nanos : edges) {
            assertThat(Columns.latencyMillis(nanos)).as("%d ns", nanos).isEqualTo(decimal(nanos));
        }
        for (int i = 0; i < 200_000; i++) {
            long nanos = random.nextLong(i % 2 == 0 ? 5_000_000_000L : 20_000L);
            assertThat(Columns.latencyMillis(nanos)).as("%d ns", nanos).isEqualTo(decimal(nanos));
        }
    }

    private static String decimal(long nanos) {
        return BigDecimal.valueOf(nanos, 6)
                .setScale(3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
