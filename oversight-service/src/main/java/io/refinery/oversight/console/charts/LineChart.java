package io.refinery.oversight.console.charts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of a metric series against a baseline band, as an SVG document: value ticks and time ticks with their
 * labels, the band as one shaded column per judged period (baseline to threshold), an optional dashed reference line,
 * flagged points (breaches) drawn larger in a second colour, a legend, and a title and description for screen
 * readers. Every text is escaped; non-finite values are left out.
 */
public final class LineChart {

    /** One value of the series; {@code flagged} marks a breaching period. */
    public record Point(Instant at, double value, boolean flagged) {
    }

    /** The band at one period: from {@code low} to {@code high}. */
    public record Band(Instant at, double low, double high) {
    }

    /**
     * What to draw.
     *
     * @param id             unique on the page (used for the title and description ids)
     * @param title          what the chart shows
     * @param valueLabel     the value axis' title (the metric)
     * @param seriesLabel    the legend entry of the line
     * @param series         the values
     * @param bandLabel      the legend entry of the band
     * @param band           the band per period; may be empty
     * @param reference      a horizontal reference value (a baseline), or null
     * @param referenceLabel the reference line's label
     */
    public record Spec(String id, String title, String valueLabel, String seriesLabel, List<Point> series,
            String bandLabel, List<Band> band, Double reference, String referenceLabel) {

        public Spec {
            series = series == null ? List.of() : series.stream()
                    .filter(p -> p != null && p.at() != null && Double.isFinite(p.value()))
                    .sorted(Comparator.comparing(Point::at)).toList();
            band = band == null ? List.of() : band.stream()
                    .filter(b -> b != null && b.at() != null && Double.isFinite(b.low()) && Double.isFinite(b.high()))
                    .sorted(Comparator.comparing(Band::at)).toList();
            reference = reference != null && Double.isFinite(reference) ? reference : null;
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 280;
    static final String LINE = "#1f5fbf";
    static final String FLAG = "#b3261e";
    static final String BAND = "#e0a100";
    static final String INK = "#1f2933";
    static final String AXIS = "#5f6b7a";
    static final String GRID = "#e3e7ec";
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 52;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM d HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private LineChart() {
    }

    /** The chart as an {@code <svg>} element, ready to be placed in an HTML page as it is. */
    public static String svg(Spec spec) {
        String id = Svg.id(spec.id());
        StringBuilder out = new StringBuilder(4096);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"12\" fill=\"")
                .append(INK).append("\">");
        out.append("<title id=\"").append(id).append("-title\">").append(Svg.escape(spec.title())).append("</title>");
        out.append("<desc id=\"").append(id).append("-desc\">").append(Svg.escape(ChartText.description(spec)))
                .append("</desc>");
        if (spec.series().isEmpty() && spec.band().isEmpty()) {
            out.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">No values in this period</text></svg>");
            return out.toString();
        }
        Frame frame = Frame.of(spec);
        drawValueAxis(out, frame, spec.valueLabel());
        drawTimeAxis(out, frame);
        drawBand(out, frame, spec.band());
        if (spec.reference() != null) {
            double y = frame.y(spec.reference());
            out.append("<line class=\"chart-reference\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(Svg.coordinate(y)).append("\" y2=\"").append(Svg.coordinate(y))
                    .append("\" stroke=\"").append(INK).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            out.append("<text x=\"").append(WIDTH - RIGHT - 4).append("\" y=\"").append(Svg.coordinate(y - 6))
                    .append("\" text-anchor=\"end\">").append(Svg.escape(spec.referenceLabel() + " "
                            + frame.precise(spec.reference()))).append("</text>");
        }
        drawSeries(out, frame, spec.series());
        ChartLegend.draw(out, spec, LEFT, 20);
        return out.append("</svg>").toString();
    }

    private static void drawValueAxis(StringBuilder out, Frame f, String label) {
        for (double v : f.ticks().values()) {
            String y = Svg.coordinate(f.y(v));
            out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(GRID).append("\"/>");
            out.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(Svg.coordinate(f.y(v) + 4))
                    .append("\" text-anchor=\"end\">").append(Svg.escape(f.ticks().label(v))).append("</text>");
        }
        out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"").append(AXIS).append("\"/>");
        int middle = TOP + (HEIGHT - TOP - BOTTOM) / 2;
        out.append("<text transform=\"translate(14 ").append(middle).append(") rotate(-90)\" text-anchor=\"middle\">")
                .append(Svg.escape(label)).append("</text>");
    }

    private static void drawTimeAxis(StringBuilder out, Frame f) {
        int base = HEIGHT - BOTTOM;
        out.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(base)
                .append("\" y2=\"").append(base).append("\" stroke=\"").append(AXIS).append("\"/>");
        for (TimeTicks.Tick tick : TimeTicks.between(f.from(), f.to(), 7)) {
            String x = Svg.coordinate(f.x(tick.at()));
            out.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(base)
                    .append("\" y2=\"").append(base + 5).append("\" stroke=\"").append(AXIS).append("\"/>");
            out.append("<text x=\"").append(x).append("\" y=\"").append(base + 18).append("\" text-anchor=\"middle\">")
                    .append(Svg.escape(tick.label())).append("</text>");
        }
        out.append("<text x=\"").append(LEFT + (WIDTH - LEFT - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">Time (UTC)</text>");
    }

    private static void drawBand(StringBuilder out, Frame f, List<Band> band) {
        double half = f.column() / 2;
        for (Band b : band) {
            double top = f.y(Math.max(b.low(), b.high()));
            double height = Math.max(1, f.y(Math.min(b.low(), b.high())) - top);
            out.append("<rect class=\"chart-band\" x=\"").append(Svg.coordinate(f.x(b.at()) - half)).append("\" y=\"")
                    .append(Svg.coordinate(top)).append("\" width=\"").append(Svg.coordinate(f.column()))
                    .append("\" height=\"").append(Svg.coordinate(height)).append("\" fill=\"").append(BAND)
                    .append("\" fill-opacity=\"0.3\"><title>").append(Svg.escape(STAMP.format(b.at()) + ": "
                            + f.precise(Math.min(b.low(), b.high())) + " to " + f.precise(Math.max(b.low(), b.high()))))
                    .append("</title></rect>");
        }
    }

    private static void drawSeries(StringBuilder out, Frame f, List<Point> series) {
        if (series.isEmpty()) {
            return;
        }
        List<String> coordinates = new ArrayList<>();
        for (Point p : series) {
            coordinates.add(Svg.coordinate(f.x(p.at())) + "," + Svg.coordinate(f.y(p.value())));
        }
        out.append("<polyline class=\"chart-line\" fill=\"none\" stroke=\"").append(LINE)
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"").append(String.join(" ", coordinates))
                .append("\"/>");
        for (Point p : series) {
            out.append("<circle class=\"").append(p.flagged() ? "chart-point chart-point-flagged" : "chart-point")
                    .append("\" cx=\"").append(Svg.coordinate(f.x(p.at()))).append("\" cy=\"")
                    .append(Svg.coordinate(f.y(p.value()))).append("\" r=\"").append(p.flagged() ? 5 : 3)
                    .append("\" fill=\"").append(p.flagged() ? FLAG : LINE).append("\"><title>")
                    .append(Svg.escape(STAMP.format(p.at()) + ": " + f.precise(p.value()) + (p.flagged() ? " (breach)" : "")))
                    .append("</title></circle>");
        }
    }

    /** The plot's scales: value ticks, the time span, and where a value and an instant land. */
    record Frame(Ticks ticks, Instant from, Instant to, double column) {

        static Frame of(Spec spec) {
            List<Instant> times = new ArrayList<>();
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (Point p : spec.series()) {
                times.add(p.at());
                low = Math.min(low, p.value());
                high = Math.max(high, p.value());
            }
            for (Band b : spec.band()) {
                times.add(b.at());
                low = Math.min(low, Math.min(b.low(), b.high()));
                high = Math.max(high, Math.max(b.low(), b.high()));
            }
            if (spec.reference() != null) {
                low = Math.min(low, spec.reference());
                high = Math.max(high, spec.reference());
            }
            times.sort(Comparator.naturalOrder());
            Duration spacing = ChartText.typicalSpacing(times);
            Instant from = times.get(0).minus(spacing.dividedBy(2));
            Instant to = times.get(times.size() - 1).plus(spacing.dividedBy(2));
            double plotWidth = WIDTH - LEFT - RIGHT;
            double column = plotWidth * spacing.toMillis() / (double) Duration.between(from, to).toMillis();
            double pad = (high - low) * 0.04;
            return new Frame(Ticks.covering(low - pad, high + pad, 5), from, to, Math.max(2, column * 0.8));
        }

        double x(Instant at) {
            double share = (at.toEpochMilli() - from.toEpochMilli()) / (double) (to.toEpochMilli() - from.toEpochMilli());
            return LEFT + share * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            double share = (value - ticks.min()) / (ticks.max() - ticks.min());
            return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM);
        }

        /** A value with two decimals more than the axis labels show. */
        String precise(double value) {
            return ChartText.number(value, Ticks.decimalsFor(ticks.step()) + 2);
        }
    }
}
