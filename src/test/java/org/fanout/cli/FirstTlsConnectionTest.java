package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM's first TLS connection takes ~0.3 s to set TLS up. Under nio one thread serves every
 * check, so that set-up must not run on it: it did, and a job of http URLs with one https URL
 * first reported every http check late by the set-up's time (or timed them out). In a fresh JVM,
 * as a user meets it: every http check answers within its server's latency and a little.
 */
@Tag("slow")
@Timeout(120)
class FirstTlsConnectionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nio", "virtual", "pool", "process"})
    void theFirstHttpsUrlDelaysNoCheckItsOwnIncluded(String strategy) throws Exception {
        try (LabHttpServer lab =
                LabHttpServer.builder().port(0).latency(Duration.ofMillis(20)).start()) {
            List<String> plain = new ArrayList<>();
            for (int i = 0; i < 40; i++) plain.add(lab.baseUrl() + "/status/200?n=" + i); // all in flight at once
            List<String> mixed = new ArrayList<>();
            mixed.add(lab.baseUrl().replace("http://", "https://") + "/"); // TLS to a plain server: a tls error
            mixed.addAll(plain);
            // the same http checks in a fresh JVM without and with an https URL first: as cold, as loaded.
            // The set-up takes ~0.3 s on a 2-core machine; a check's own time stays what it was, the
            // https check's too (a refused handshake takes milliseconds, not the JVM's set-up). A
            // machine busy elsewhere can slow one JVM of a pair: the pair is tried up to three
            // times, and the set-up on the checks' thread would delay every one of them.
            String last = "";
            for (int attempt = 1; attempt <= 3; attempt++) {
                double alone = medianHttpLatency(run("alone", plain, strategy));
                List<CSVRecord> rows = run("mixed", mixed, strategy);
                double withHttps = medianHttpLatency(rows);
                double https = rows.stream()
                        .filter(r -> r.get("url").startsWith("https:"))
                        .mapToDouble(r -> Double.parseDouble(r.get("latency_ms")))
                        .findFirst()
                        .orElseThrow();
                if (withHttps < alone + 100 && https < alone + 100) return;
                last += String.format(
                        Locale.ROOT,
                        "attempt %d: median ms alone %.1f, with https first %.1f, the https check %.1f; ",
                        attempt,
                        alone,
                        withHttps,
                        https);
            }
            throw new AssertionError("every http check is delayed by the first https URL's set-up: " + last);
        }
    }

    private List<CSVRecord> run(String name, List<String> urls, String strategy) throws Exception {
        Path input = dir.resolve(name + ".txt");
        Files.write(input, urls);
        Path out = dir.resolve(name + ".csv");
        Process p = CliProcess.start(
                dir,
                null,
                "http",
                "--input",
                input.toString(),
                "--strategy",
                strategy,
                "--threads",
                "50",
                "--order",
                "sequential",
                "--timeout",
                "5s",
                "--no-history",
                "--output",
                out.toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(Files.readString(out)))
                .getRecords();
        assertThat(rows).hasSize(urls.size());
        for (CSVRecord row : rows) {
            if (row.get("url").startsWith("https:"))
                assertThat(row.get("error")).isEqualTo("tls");
            else assertThat(row.get("status")).as(row.get("url")).isEqualTo("200");
        }
        return rows;
    }

    private static double medianHttpLatency(List<CSVRecord> rows) {
        double[] ms = rows.stream()
                .filter(r -> r.get("url").startsWith("http:"))
                .mapToDouble(r -> Double.parseDouble(r.get("latency_ms")))
                .sorted()
                .toArray();
        return ms[ms.length / 2];
    }
}
