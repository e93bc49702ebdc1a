import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws Fanout's icon: one source dot fanning out to five targets, green (open) and one grey
 * (closed), on a dark rounded square. Writes the same shapes as SVG (the source) and PNG.
 *
 * <pre>java packaging/DrawIcon.java packaging   # writes fanout.svg and fanout.png (256 px)</pre>
 */
public final class DrawIcon {
    static final int SIZE = 256;
    static final double[] SOURCE = {64, 128};
    static final double[][] TARGETS = {{196, 52}, {204, 90}, {208, 128}, {204, 166}, {196, 204}};
    static final String BACKGROUND = "#1f2a44",
            LINE = "#8fb3ff",
            OPEN = "#3ddc84",
            CLOSED = "#7a8499",
            SOURCE_FILL = "#ffffff";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(dir.resolve("fanout.svg"), svg());
        ImageIO.write(png(), "png", new File(dir.resolve("fanout.png").toString()));
    }

    static String fill(int i) {
        return i == 3 ? CLOSED : OPEN;
    }

    static String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                SIZE,
                SIZE,
                SIZE,
                SIZE));
        s.append("  <title>Fanout</title>\n");
        s.append(String.format(
                Locale.ROOT,
                "  <rect x=\"8\" y=\"8\" width=\"240\" height=\"240\" rx=\"48\" fill=\"%s\"/>%n",
                BACKGROUND));
        for (double[] t : TARGETS) {
            s.append(String.format(
                    Locale.ROOT,
                    "  <line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"10\" stroke-linecap=\"round\"/>%n",
                    SOURCE[0],
                    SOURCE[1],
                    t[0],
                    t[1],
                    LINE));
        }
        s.append(String.format(
                Locale.ROOT,
                "  <circle cx=\"%.0f\" cy=\"%.0f\" r=\"26\" fill=\"%s\"/>%n",
                SOURCE[0],
                SOURCE[1],
                SOURCE_FILL));
        for (int i = 0; i < TARGETS.length; i++) {
            s.append(String.format(
                    Locale.ROOT,
                    "  <circle cx=\"%.0f\" cy=\"%.0f\" r=\"15\" fill=\"%s\"/>%n",
                    TARGETS[i][0],
                    TARGETS[i][1],
                    fill(i)));
        }
        return s.append("</svg>\n").toString();
    }

    static BufferedImage png() {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.decode(BACKGROUND));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 96, 96));
        g.setColor(Color.decode(LINE));
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double[] t : TARGETS) g.draw(new Line2D.Double(SOURCE[0], SOURCE[1], t[0], t[1]));
        g.setColor(Color.decode(SOURCE_FILL));
        g.fill(circle(SOURCE[0], SOURCE[1], 26));
        for (int i = 0; i < TARGETS.length; i++) {
            g.setColor(Color.decode(fill(i)));
            g.fill(circle(TARGETS[i][0], TARGETS[i][1], 15));
        }
        g.dispose();
        return img;
    }

    static Ellipse2D circle(double cx, double cy, double r) {
        return new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    }
}
