package dev.sieve.bench.load;

import dev.sieve.bench.load.GrowthCheck.Status;
import dev.sieve.bench.load.GrowthCheck.Verdict;
import dev.sieve.bench.load.SoakCsv.Row;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the soak's PNG with java.awt in headless mode (no plotting dependency for a handful of line charts): one
 * panel per judged series over time (the band between each interval's lowest and highest reading, the lowest as a
 * line, the warm-up shaded, the trend over the judged span in the verdict's colour), then the request rate by
 * outcome, the small requests' latency and Sieve's CPU time.
 */
final class SoakPlot {

    private static final int WIDTH = 1400;
    private static final int PANEL = 210;
    private static final int HEADER = 56;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 30;
    private static final int BOTTOM = 32;
    private static final Color PASS = new Color(0x2E7D32);
    private static final Color LEVELLED = new Color(0xB26A00);
    private static final Color FAIL = new Color(0xC62828);
    private static final Color LINE = new Color(0x1565C0);
    private static final Color BAND = new Color(0x1565C0 | 0x33000000, true);
    private static final Color GRID = new Color(0xE0E0E0);
    private static final Color WARMUP = new Color(0xF0F0F0);

    private SoakPlot() {
    }

    /** Writes the plot of {@code rows} to {@code png}; {@code title} heads it. */
    static void write(Path png, String title, List<Row> rows, Map<SoakSeries, Verdict> verdicts,
            double warmupSeconds) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int panels = SoakSeries.values().length + 3;
        BufferedImage image = new BufferedImage(WIDTH, HEADER + panels * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, LEFT, 34);
            double endMinutes = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).elapsedSeconds() / 60;
            int y = HEADER;
            for (SoakSeries s : SoakSeries.values()) {
                Verdict v = verdicts.get(s);
                Panel p = new Panel(g, y, endMinutes, warmupSeconds / 60);
                List<double[]> lows = points(rows, r -> r.min(s));
                List<double[]> highs = points(rows, r -> r.max(s));
                List<double[]> trend = trend(v, rows, warmupSeconds);
                String unit = s.unit.isEmpty() ? "" : " (" + s.unit + ")";
                if (s == SoakSeries.HEAP) {
                    // The heap before a collection is up to the whole young generation: it would flatten the line.
                    double peak = highs.stream().mapToDouble(h -> h[1]).max().orElse(Double.NaN);
                    p.title(String.format(Locale.ROOT, "%s%s, lowest per interval (before GC: up to %.0f)  -  %s",
                            s.label, unit, peak, verdictText(v, s.unit)), colour(v));
                    p.scale(List.of(lows, trend));
                } else {
                    p.title(s.label + unit + ", lowest per interval (band: to highest)  -  " + verdictText(v, s.unit),
                            colour(v));
                    p.scale(List.of(lows, highs, trend));
                    p.band(lows, highs);
                }
                p.line(lows, LINE, 2f);
                p.line(trend, colour(v), 2.5f);
                y += PANEL;
            }
            Panel rate = new Panel(g, y, endMinutes, warmupSeconds / 60);
            rate.title("requests per second by outcome (blue: all completed, green: blocked, red: errors)", Color.BLACK);
            List<double[]> all = points(rows, Row::requestsPerSecond);
            List<double[]> blocked = perSecond(rows, Row::blocked);
            List<double[]> errors = perSecond(rows, Row::errors);
            rate.scale(List.of(all, blocked, errors, List.of(new double[] {0, 0})));
            rate.line(all, LINE, 2f);
            rate.line(blocked, PASS, 2f);
            rate.line(errors, FAIL, 2f);
            y += PANEL;
            Panel latency = new Panel(g, y, endMinutes, warmupSeconds / 60);
            latency.title("small requests: latency from due time to answer, ms (blue: p50, orange: p99; scaled to"
                    + " after the warm-up)", Color.BLACK);
            List<double[]> p50 = points(rows, Row::smallP50Ms);
            List<double[]> p99 = points(rows, Row::smallP99Ms);
            latency.scale(List.of(after(p50, warmupSeconds), after(p99, warmupSeconds),
                    List.of(new double[] {0, 0})));
            latency.line(p50, LINE, 2f);
            latency.line(p99, LEVELLED, 2f);
            y += PANEL;
            Panel cpu = new Panel(g, y, endMinutes, warmupSeconds / 60);
            cpu.title("Sieve's CPU time, % of one core", Color.BLACK);
            List<double[]> cpuPercent = points(rows, Row::cpuPercent);
            cpu.scale(List.of(cpuPercent, List.of(new double[] {0, 0})));
            cpu.line(cpuPercent, LINE, 2f);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", png.toFile());
    }

    private static String verdictText(Verdict v, String unit) {
        if (v == null) {
            return "not judged";
        }
        if (v.status() == Status.TOO_FEW) {
            return "too few samples after the warm-up";
        }
        String status = switch (v.status()) {
            case FAIL -> "FAIL";
            case LEVELLED -> "pass (levelled)";
            default -> "pass";
        };
        return String.format(Locale.ROOT, "%s: trend %+.3g%s/min, %+.3g over %.1f min (allowance %.3g)", status,
                v.slopePerMinute(), unit.isEmpty() ? "" : " " + unit, v.growth(), v.judgedMinutes(), v.allowance());
    }

    private static Color colour(Verdict v) {
        if (v == null) {
            return Color.GRAY;
        }
        return switch (v.status()) {
            case PASS -> PASS;
            case LEVELLED -> LEVELLED;
            default -> FAIL;
        };
    }

    /** (minutes, value) for every row with a value. */
    private static List<double[]> points(List<Row> rows, ToDoubleFunction<Row> value) {
        List<double[]> points = new ArrayList<>();
        for (Row r : rows) {
            double v = value.applyAsDouble(r);
            if (!Double.isNaN(v)) {
                points.add(new double[] {r.elapsedSeconds() / 60, v});
            }
        }
        return points;
    }

    /** The points at or after the warm-up (a start-up spike would flatten the rest). */
    private static List<double[]> after(List<double[]> points, double warmupSeconds) {
        return points.stream().filter(p -> p[0] * 60 >= warmupSeconds).toList();
    }

    /** The per-second rate of a running count over each interval. */
    private static List<double[]> perSecond(List<Row> rows, ToDoubleFunction<Row> total) {
        List<double[]> points = new ArrayList<>();
        double previousT = 0;
        double previous = 0;
        for (Row r : rows) {
            double t = r.elapsedSeconds();
            double v = total.applyAsDouble(r);
            if (t > previousT) {
                points.add(new double[] {t / 60, (v - previous) / (t - previousT)});
            }
            previousT = t;
            previous = v;
        }
        return points;
    }

    /** The verdict's trend line over the judged span (empty when there is none). */
    private static List<double[]> trend(Verdict v, List<Row> rows, double warmupSeconds) {
        if (v == null || v.status() == Status.TOO_FEW || rows.isEmpty()) {
            return List.of();
        }
        double from = rows.stream().mapToDouble(Row::elapsedSeconds).filter(t -> t >= warmupSeconds).min()
                .orElse(warmupSeconds) / 60;
        double to = rows.get(rows.size() - 1).elapsedSeconds() / 60;
        return List.of(new double[] {from, v.intercept() + v.slopePerMinute() * from},
                new double[] {to, v.intercept() + v.slopePerMinute() * to});
    }

    /** One panel: axes, grid and ticks for minutes 0 to {@code endMinutes} and a value range set by {@link #scale}. */
    private static final class Panel {
        private final Graphics2D g;
        private final int top;
        private final double endMinutes;
        private final double warmupMinutes;
        private final int x0 = LEFT;
        private final int x1 = WIDTH - RIGHT;
        private final int y0;
        private final int y1;
        private double lo;
        private double hi;

        Panel(Graphics2D g, int top, double endMinutes, double warmupMinutes) {
            this.g = g;
            this.top = top;
            this.endMinutes = Math.max(endMinutes, 1e-9);
            this.warmupMinutes = Math.min(warmupMinutes, endMinutes);
            this.y0 = top + PANEL - BOTTOM;
            this.y1 = top + TOP;
        }

        void title(String text, Color colour) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.setColor(colour);
            g.drawString(text, x0, top + 20);
        }

        /** Fits the value axis to the points (with a margin) and draws the frame, warm-up, grid and ticks. */
        void scale(List<List<double[]>> series) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (List<double[]> points : series) {
                for (double[] p : points) {
                    lo = Math.min(lo, p[1]);
                    hi = Math.max(hi, p[1]);
                }
            }
            if (lo > hi) {
                lo = 0;
                hi = 1;
            }
            double pad = Math.max((hi - lo) * 0.08, Math.max(Math.abs(hi) * 0.02, 0.5));
            lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
            hi = hi + pad;
            g.setColor(WARMUP);
            g.fillRect(x0, y1, x(warmupMinutes) - x0, y0 - y1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            if (warmupMinutes > 0) {
                g.setColor(Color.GRAY);
                g.drawString("warm-up", x0 + 4, y1 + 13);
            }
            double yStep = niceStep((hi - lo) / 4);
            for (double v = Math.ceil(lo / yStep) * yStep; v <= hi; v += yStep) {
                int py = y(v);
                g.setColor(GRID);
                g.drawLine(x0, py, x1, py);
                g.setColor(Color.DARK_GRAY);
                String label = format(v, yStep);
                g.drawString(label, x0 - 8 - g.getFontMetrics().stringWidth(label), py + 4);
            }
            double xStep = niceStep(endMinutes / 10);
            for (double m = 0; m <= endMinutes + 1e-9; m += xStep) {
                int px = x(m);
                g.setColor(GRID);
                g.drawLine(px, y1, px, y0);
                g.setColor(Color.DARK_GRAY);
                String label = format(m, xStep);
                g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, y0 + 15);
            }
            g.drawString("min", x1 - 20, y0 + 28);
            g.setColor(Color.GRAY);
            g.drawRect(x0, y1, x1 - x0, y0 - y1);
        }

        void band(List<double[]> lows, List<double[]> highs) {
            if (lows.size() < 2 || lows.size() != highs.size()) {
                return;
            }
            g.setClip(x0, y1, x1 - x0, y0 - y1);
            Path2D path = new Path2D.Double();
            path.moveTo(x(lows.get(0)[0]), y(lows.get(0)[1]));
            for (double[] p : lows) {
                path.lineTo(x(p[0]), y(p[1]));
            }
            for (int i = highs.size() - 1; i >= 0; i--) {
                path.lineTo(x(highs.get(i)[0]), y(highs.get(i)[1]));
            }
            path.closePath();
            g.setColor(BAND);
            g.fill(path);
            g.setClip(null);
        }

        void line(List<double[]> points, Color colour, float width) {
            if (points.isEmpty()) {
                return;
            }
            g.setClip(x0, y1, x1 - x0, y0 - y1);
            g.setColor(colour);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D path = new Path2D.Double();
            path.moveTo(x(points.get(0)[0]), y(points.get(0)[1]));
            for (double[] p : points) {
                path.lineTo(x(p[0]), y(p[1]));
            }
            g.draw(path);
            if (points.size() == 1) {
                g.fillOval(x(points.get(0)[0]) - 2, y(points.get(0)[1]) - 2, 5, 5);
            }
            g.setStroke(new BasicStroke(1f));
            g.setClip(null);
        }

        private int x(double minutes) {
            return (int) Math.round(x0 + (x1 - x0) * minutes / endMinutes);
        }

        private int y(double value) {
            return (int) Math.round(y0 - (y0 - y1) * (value - lo) / (hi - lo));
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (!(rough > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String format(double v, double step) {
        return step >= 1 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%." + (int) Math.ceil(-Math.log10(step)) + "f", v);
    }
}
