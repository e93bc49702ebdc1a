package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class CompareExportTest {
    static final List<CompareRun> RUNS = List.of(
            new CompareRun(Strategy.POOL, 1, 2000, 104_321.46, 19.17, 1230, 450, 17, 12.25),
            new CompareRun(Strategy.POOL, 100, 2000, 1_100.0, 1818.2, 900, 600, 117, 30.0),
            new CompareRun(Strategy.VIRTUAL, 1, 2000, 103_000.0, 19.4, 1100, 400, 19, 11.0),
            new CompareRun(Strategy.VIRTUAL, 100, 2000, 1_050.0, 1904.8, 800, 500, 21, 25.0),
            new CompareRun(Strategy.PROCESS, 1, 2000, 106_000.0, 18.9, 2100, 700, 45, 9.0),
            new CompareRun(Strategy.PROCESS, 100, 2000, 1_800.0, 1111.1, 2500, 900, 140, 9.5));

    @Test
    void csvHasTheCompareColumnsAndOneQuotedRowPerRun() throws Exception {
        StringWriter out = new StringWriter();
        try (CompareCsvWriter w = new CompareCsvWriter(out)) {
            for (CompareRun r : RUNS) w.write(r);
        }
        String text = out.toString();
        assertThat(text)
                .startsWith("\"strategy\",\"threads\",\"targets\",\"wall_ms\",\"throughput_per_s\","
                        + "\"cpu_user_ms\",\"cpu_sys_ms\",\"peak_threads\",\"peak_heap_mb\"\r\n");
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records.getFirst().toList()).isEqualTo(Columns.COMPARE);
        assertThat(records).hasSize(RUNS.size() + 1);
        assertThat(records.get(1).toList())
                .containsExactly("pool", "1", "2000", "104321.5", "19.2", "1230", "450", "17", "12.3");
        assertThat(records.get(5).get(0)).isEqualTo("process");
    }

    @Test
    void chartIsAPngOfTheAdvertisedSizeWithASeriesPerStrategy(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("compare.png");
        CompareChart.write(
                png,
                RUNS,
                "Fanout compare: HTTP checks of 2,000 URLs",
                s -> s == Strategy.PROCESS ? "process (4 workers)" : s.label());
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(CompareChart.WIDTH).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(CompareChart.HEIGHT).isEqualTo(600);
        for (Strategy s : List.of(Strategy.POOL, Strategy.VIRTUAL, Strategy.PROCESS)) {
            assertThat(pixelsOf(image, CompareChart.color(s))).as(s.label()).isGreaterThan(500);
        }
        assertThat(pixelsOf(image, CompareChart.color(Strategy.NIO)))
                .as("no nio runs, no nio series")
                .isZero();
    }

    @Test
    void chartCopesWithOneRunAndWithNone() {
        BufferedImage one = CompareChart.render(RUNS.subList(0, 1), "one", Strategy::label);
        assertThat(pixelsOf(one, CompareChart.color(Strategy.POOL))).isPositive();
        BufferedImage none = CompareChart.render(new ArrayList<>(), null, Strategy::label);
        assertThat(none.getWidth()).isEqualTo(1200);
    }

    @Test
    void niceNumbers() {
        assertThat(CompareChart.niceStep(0.7)).isEqualTo(1);
        assertThat(CompareChart.niceStep(380)).isEqualTo(500);
        assertThat(CompareChart.niceStep(1500)).isEqualTo(2000);
        assertThat(CompareChart.number(12345)).isEqualTo("12,345");
        assertThat(CompareChart.number(12.5)).isEqualTo("12.5");
        assertThat(CompareChart.number(0.5)).isEqualTo("0.50");
    }

    private static int pixelsOf(BufferedImage image, Color c) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) n++;
            }
        }
        return n;
    }
}
