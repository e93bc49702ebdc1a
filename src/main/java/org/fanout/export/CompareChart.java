package org.fanout.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;

/**
 * Draws compare runs as a PNG with Java2D (no JavaFX, works headless): two panels side by side,
 * wall time and throughput against thread count, the thread axis logarithmic, one coloured
 * series with its own marker per strategy, a shared legend. Wall time is on a log axis too
 * (it spans orders of magnitude); throughput is linear, so the point where more threads stop
 * helping shows as the line going flat. Each series' best throughput is labelled.
 *
 * <p>Callers in a desktop-less process should run with {@code java.awt.headless=true}.
 */
public final class CompareChart {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 600;

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x66, 0x66, 0x66);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color MINOR_GRID = new Color(0xF2, 0xF2, 0xF2);
    private static final String FONT = Font.SANS_SERIF;

    private CompareChart() {}

    /** Colour of a strategy's series: the same in every chart. */
    public static Color color(Strategy s) {
        return switch (s) {
            case SERIAL -> new Color(0x7F, 0x7F, 0x7F);
            case POOL -> new Color(0x1F, 0x77, 0xB4);
            case VIRTUAL -> new Color(0xE6, 0x7E, 0x22);
            case NIO -> new Color(0x2C, 0xA0, 0x2C);
            case PROCESS -> new Color(0x9B, 0x3D, 0xB8);
        };
    }

    /** Writes the chart of {@code runs} to {@code file} as PNG. */
    /** A chart title naming the job and the date, e.g. "Fanout compare — TCP 127.0.0.1 × 1-1000 — 2026-11-30 10:45". */
    public static String title(String job, TemporalAccessor when) {
        String date =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(when);
        return "Fanout compare — " + (job == null || job.isBlank() ? "" : job + " — ") + date;
    }

    public static void write(Path file, List<CompareRun> runs, String title, Function<Strategy, String> seriesName)
            throws IOException {
        BufferedImage image = render(runs, title, seriesName);
        // Encoded in memory, then written with ordinary checked I/O: ImageIO.write(.., File)
        // deletes the file first (as root, even /dev/full) and ignores a short write.
        var png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) throw new IOException("no PNG writer in this Java");
        try {
            Files.write(file, png.toByteArray());
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The chart as an image of {@link #WIDTH} x {@link #HEIGHT}.
     *
     * @param title      the heading, e.g. what was checked
     * @param seriesName the legend text of a strategy, e.g. {@code process (4 workers)}
     */
    public static BufferedImage render(List<CompareRun> runs, String title, Function<Strategy, String> seriesName) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);

            g.setColor(INK);
            g.setFont(new Font(FONT, Font.BOLD, 20));
            g.drawString(title == null ? "Fanout compare" : title, 28, 38);

            Map<Strategy, List<CompareRun>> series = series(runs);
            TreeSet<Integer> threads = new TreeSet<>();
            runs.forEach(r -> threads.add(r.threads()));

            int top = 62;
            int bottom = HEIGHT - 62; // room for the legend
            Rectangle2D left = new Rectangle2D.Double(28, top, WIDTH / 2.0 - 42, bottom - top);
            Rectangle2D right = new Rectangle2D.Double(WIDTH / 2.0 + 14, top, WIDTH / 2.0 - 42, bottom - top);
            panel(
                    g,
                    left,
                    "Wall time (lower is better)",
                    "wall time, ms (log scale)",
                    series,
                    threads,
                    CompareRun::wallMs,
                    true,
                    false);
            panel(
                    g,
                    right,
                    "Throughput (higher is better)",
                    "targets per second",
                    series,
                    threads,
                    CompareRun::throughputPerSecond,
                    false,
                    true);
            legend(g, series.keySet(), seriesName, HEIGHT - 30);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Map<Strategy, List<CompareRun>> series(List<CompareRun> runs) {
        Map<Strategy, List<CompareRun>> m = new LinkedHashMap<>();
        for (CompareRun r : runs)
            m.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r);
        m.values().forEach(l -> l.sort(Comparator.comparingInt(CompareRun::threads)));
        return m;
    }

    /** One panel: frame, grid, axes with ticks and labels, then every series. */
    private static void panel(
            Graphics2D g,
            Rectangle2D box,
            String heading,
            String yTitle,
            Map<Strategy, List<CompareRun>> series,
            TreeSet<Integer> threads,
            ToDoubleFunction<CompareRun> value,
            boolean logY,
            boolean labelBest) {
        Font tickFont = new Font(FONT, Font.PLAIN, 12);
        Font axisFont = new Font(FONT, Font.PLAIN, 13);
        g.setFont(new Font(FONT, Font.BOLD, 15));
        g.setColor(INK);
        g.drawString(heading, (float) box.getX() + 70, (float) box.getY() + 14);

        // The plot area, inside room for tick labels and axis titles.
        double px = box.getX() + 78;
        double py = box.getY() + 30;
        double pw = box.getWidth() - 92;
        double ph = box.getHeight() - 80;
        Rectangle2D plot = new Rectangle2D.Double(px, py, pw, ph);

        // x: thread count, log scale, with a little room either side of the extremes.
        double xMin;
        double xMax;
        if (threads.isEmpty()) {
            xMin = 1;
            xMax = 10;
        } else {
            xMin = Math.log10(threads.first()) - 0.25;
            xMax = Math.log10(threads.last()) + 0.25;
        }
        double lx0 = xMin;
        double lx1 = xMax;
        DoubleUnaryOperator sx = t -> px + (Math.log10(t) - lx0) / (lx1 - lx0) * pw;

        // y: the range of the values shown.
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (List<CompareRun> l : series.values()) {
            for (CompareRun r : l) {
                double v = value.applyAsDouble(r);
                if (logY && v <= 0) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) { // nothing to show
            lo = logY ? 1 : 0;
            hi = logY ? 1000 : 1;
        }
        double yLo;
        double yHi;
        List<Double> ticks = new ArrayList<>();
        List<Double> minor = new ArrayList<>();
        if (logY) {
            yLo = Math.floor(Math.log10(lo));
            yHi = Math.ceil(Math.log10(hi));
            if (yHi - yLo < 1) yHi = yLo + 1;
            for (double d = yLo; d <= yHi + 1e-9; d++) {
                ticks.add(Math.pow(10, d));
                if (d < yHi) for (int k = 2; k <= 9; k++) minor.add(k * Math.pow(10, d));
            }
        } else {
            double step = niceStep(hi / 5);
            yLo = 0;
            yHi = Math.max(step, Math.ceil(hi * 1.08 / step) * step);
            for (double v = 0; v <= yHi + step / 2; v += step) ticks.add(v);
        }
        double fyLo = yLo;
        double fyHi = yHi;
        DoubleUnaryOperator sy = logY
                ? v -> py + ph - (Math.log10(v) - fyLo) / (fyHi - fyLo) * ph
                : v -> py + ph - (v - fyLo) / (fyHi - fyLo) * ph;

        // Grid and ticks.
        g.setStroke(new BasicStroke(1f));
        g.setFont(tickFont);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(MINOR_GRID);
        for (double v : minor) g.draw(new Line2D.Double(px, sy.applyAsDouble(v), px + pw, sy.applyAsDouble(v)));
        for (double v : ticks) {
            double y = sy.applyAsDouble(v);
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, y, px + pw, y));
            g.setColor(MUTED);
            String s = number(v);
            g.drawString(s, (float) (px - 8 - fm.stringWidth(s)), (float) (y + fm.getAscent() / 2.0 - 1));
        }
        for (int t : threads) {
            double x = sx.applyAsDouble(t);
            g.setColor(GRID);
            g.draw(new Line2D.Double(x, py, x, py + ph));
            g.setColor(MUTED);
            String s = number(t);
            g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), (float) (py + ph + 8 + fm.getAscent()));
        }
        g.setColor(new Color(0x99, 0x99, 0x99));
        g.draw(plot);

        // Axis titles.
        g.setFont(axisFont);
        g.setColor(INK);
        FontMetrics am = g.getFontMetrics();
        String xTitle = "threads (log scale)";
        g.drawString(xTitle, (float) (px + pw / 2 - am.stringWidth(xTitle) / 2.0), (float) (py + ph + 44));
        var saved = g.getTransform();
        g.translate(box.getX() + 14, py + ph / 2 + am.stringWidth(yTitle) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(yTitle, 0, 0);
        g.setTransform(saved);

        // Series: lines, then markers on top, then the best value's label.
        var clip = g.getClip();
        g.clip(new Rectangle2D.Double(px - 8, py - 8, pw + 16, ph + 16));
        for (var e : series.entrySet()) {
            Color c = color(e.getKey());
            Path2D line = new Path2D.Double();
            boolean first = true;
            for (CompareRun r : e.getValue()) {
                double v = value.applyAsDouble(r);
                if (logY && v <= 0) continue;
                double x = sx.applyAsDouble(r.threads());
                double y = sy.applyAsDouble(v);
                if (first) line.moveTo(x, y);
                else line.lineTo(x, y);
                first = false;
            }
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(line);
            for (CompareRun r : e.getValue()) {
                double v = value.applyAsDouble(r);
                if (logY && v <= 0) continue;
                drawMarker(g, e.getKey(), sx.applyAsDouble(r.threads()), sy.applyAsDouble(v), c);
            }
        }
        g.setClip(clip);
        if (labelBest) {
            g.setFont(new Font(FONT, Font.BOLD, 11));
            FontMetrics bm = g.getFontMetrics();
            List<Rectangle2D> placed = new ArrayList<>();
            for (var e : series.entrySet()) {
                CompareRun best = e.getValue().stream()
                        .max(Comparator.comparingDouble(value))
                        .orElse(null);
                if (best == null) continue;
                String s = number(value.applyAsDouble(best)) + "/s";
                double x = sx.applyAsDouble(best.threads()) - bm.stringWidth(s) / 2.0;
                x = Math.max(px + 2, Math.min(x, px + pw - bm.stringWidth(s) - 2));
                double y = sy.applyAsDouble(value.applyAsDouble(best)) - 12;
                Rectangle2D r =
                        new Rectangle2D.Double(x - 2, y - bm.getAscent(), bm.stringWidth(s) + 4, bm.getHeight());
                while (placed.stream().anyMatch(r::intersects)) { // stack labels that would overlap
                    y += bm.getHeight() + 12;
                    r = new Rectangle2D.Double(x - 2, y - bm.getAscent(), bm.stringWidth(s) + 4, bm.getHeight());
                }
                placed.add(r);
                g.setColor(new Color(255, 255, 255, 220));
                g.fill(r);
                g.setColor(color(e.getKey()).darker());
                g.drawString(s, (float) x, (float) y);
            }
        }
    }

    private static void legend(
            Graphics2D g, Iterable<Strategy> strategies, Function<Strategy, String> name, int baseline) {
        g.setFont(new Font(FONT, Font.PLAIN, 14));
        FontMetrics fm = g.getFontMetrics();
        List<String> labels = new ArrayList<>();
        List<Strategy> order = new ArrayList<>();
        int total = 0;
        for (Strategy s : strategies) {
            String label = name == null ? s.label() : name.apply(s);
            labels.add(label);
            order.add(s);
            total += 44 + fm.stringWidth(label) + 28;
        }
        double x = (WIDTH - total) / 2.0;
        for (int i = 0; i < order.size(); i++) {
            Color c = color(order.get(i));
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(x, baseline - 5, x + 36, baseline - 5));
            drawMarker(g, order.get(i), x + 18, baseline - 5, c);
            g.setColor(INK);
            g.drawString(labels.get(i), (float) (x + 44), baseline);
            x += 44 + fm.stringWidth(labels.get(i)) + 28;
        }
    }

    /** A filled marker with a white rim, its shape telling strategies apart without colour. */
    private static void drawMarker(Graphics2D g, Strategy s, double x, double y, Color c) {
        double r = 5.5;
        Shape shape =
                switch (s) {
                    case POOL -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
                    case VIRTUAL -> new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
                    case NIO ->
                        polygon(
                                new double[] {x, x + r * 1.15, x - r * 1.15},
                                new double[] {y - r * 1.2, y + r * 0.8, y + r * 0.8});
                    case PROCESS ->
                        polygon(
                                new double[] {x, x + r * 1.2, x, x - r * 1.2},
                                new double[] {y - r * 1.2, y, y + r * 1.2, y});
                    case SERIAL ->
                        polygon(
                                new double[] {x, x + r * 1.15, x - r * 1.15},
                                new double[] {y + r * 1.2, y - r * 0.8, y - r * 0.8});
                };
        g.setColor(c);
        g.fill(shape);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(shape);
    }

    private static Shape polygon(double[] xs, double[] ys) {
        Path2D p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) p.lineTo(xs[i], ys[i]);
        p.closePath();
        return p;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (rough <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= rough) return m * p;
        }
        return 10 * p;
    }

    /** 12,345 / 1,234 / 12.5 / 0.5: grouped digits, a decimal only for small values. */
    static String number(double v) {
        if (Math.abs(v) >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 1) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
