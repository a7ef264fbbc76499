package io.refinery.oversight.console.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * A forest plot as an accessible SVG string: one row per group, its point estimate as a dot and its interval as a
 * horizontal bar, a vertical line at zero and a labelled axis. By default the values are relative lifts of treatments
 * against control (% labels); {@link #of} draws any signed scale (e.g. mean sentiment per customer segment). The
 * numbers are written next to each row, so it is readable without hovering; every text goes through {@link Svg#escape}.
 */
public final class ForestPlot {

    /** Layout in SVG units. */
    public static final int WIDTH = 640;
    public static final int LEFT = 150;
    public static final int RIGHT = 170;
    public static final int TOP = 16;
    public static final int ROW = 36;
    public static final int AXIS = 34;

    /**
     * One row: lifts as fractions (0.05 is +5 %).
     *
     * @param label    the variant's name
     * @param estimate the point estimate
     * @param lower    the interval's lower end
     * @param upper    the interval's upper end
     */
    public record Row(String label, double estimate, double lower, double upper) {
    }

    /**
     * How values read on the axis and next to each row, and how the chart describes itself.
     *
     * @param axisLabel under the axis
     * @param decimals  decimals of a row's numbers; null for a signed percentage
     * @param meaning   the first sentence of the text description
     * @param none      what the chart says when no row has an interval
     */
    public record Scale(String axisLabel, Integer decimals, String meaning, String none) {

        static final Scale LIFT = new Scale("relative lift vs control", null,
                "Relative lift against control with its interval.", "No treatment has an interval on its lift yet.");
    }

    private final String id;
    private final String title;
    private final List<Row> rows;
    private final Ticks ticks;
    private final Scale scale;

    public ForestPlot(String id, String title, List<Row> rows) {
        this(id, title, rows, Scale.LIFT);
    }

    /** A forest plot on {@code scale} rather than of lifts. */
    public static ForestPlot of(String id, String title, List<Row> rows, Scale scale) {
        return new ForestPlot(id, title, rows, scale);
    }

    private ForestPlot(String id, String title, List<Row> rows, Scale scale) {
        this.id = Svg.id(id);
        this.title = title;
        this.scale = scale;
        this.rows = rows.stream().filter(r -> Double.isFinite(r.estimate()) && Double.isFinite(r.lower())
                && Double.isFinite(r.upper())).toList();
        double lo = 0;
        double hi = 0;
        for (Row r : this.rows) {
            lo = Math.min(lo, Math.min(r.lower(), r.estimate()));
            hi = Math.max(hi, Math.max(r.upper(), r.estimate()));
        }
        this.ticks = Ticks.covering(lo, hi, 5);
    }

    public Ticks ticks() {
        return ticks;
    }

    public int height() {
        return TOP + Math.max(1, rows.size()) * ROW + AXIS;
    }

    /** The x of a lift. */
    public double x(double lift) {
        double span = ticks.max() - ticks.min();
        return LEFT + (lift - ticks.min()) / span * (WIDTH - LEFT - RIGHT);
    }

    /** The y of row {@code i}'s centre. */
    public double y(int i) {
        return TOP + i * ROW + ROW / 2.0;
    }

    /** A lift as a signed percentage, {@code +4.2 %}. */
    public static String percent(double lift) {
        String n = ChartText.number(lift * 100, 1);
        return (lift > 0 && !"0".equals(n) ? "+" : "") + n + " %";
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        int h = height();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart forest\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(h).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\"><title id=\"").append(id).append("-title\">").append(Svg.escape(title))
                .append("</title><desc id=\"").append(id).append("-desc\">").append(Svg.escape(description()))
                .append("</desc>");
        double bottom = TOP + Math.max(1, rows.size()) * ROW;
        s.append("<g class=\"axis\">");
        for (double t : ticks.values()) {
            String x = Svg.coordinate(x(t));
            s.append("<line class=\"grid\" x1=\"").append(x).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x)
                    .append("\" y2=\"").append(Svg.coordinate(bottom)).append("\"/>");
            s.append("<text x=\"").append(x).append("\" y=\"").append(Svg.coordinate(bottom + 18))
                    .append("\" text-anchor=\"middle\">").append(Svg.escape(tickLabel(t))).append("</text>");
        }
        s.append("<text x=\"").append(Svg.coordinate(x(ticks.min()))).append("\" y=\"").append(Svg.coordinate(bottom + 32))
                .append("\">").append(Svg.escape(scale.axisLabel())).append("</text></g>");
        String zero = Svg.coordinate(x(0));
        s.append("<line class=\"zero\" x1=\"").append(zero).append("\" y1=\"").append(TOP).append("\" x2=\"").append(zero)
                .append("\" y2=\"").append(Svg.coordinate(bottom)).append("\" stroke=\"currentColor\"/>");
        if (rows.isEmpty()) {
            s.append("<text x=\"").append(LEFT).append("\" y=\"").append(Svg.coordinate(y(0)))
                    .append("\">").append(Svg.escape(scale == Scale.LIFT ? "No comparison with an interval yet." : scale.none()))
                    .append("</text>");
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String y = Svg.coordinate(y(i));
            String css = r.lower() > 0 ? "above" : r.upper() < 0 ? "below" : "crosses";
            s.append("<g class=\"row ").append(css).append("\">");
            s.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y).append("\" text-anchor=\"end\" dy=\"4\">")
                    .append(Svg.escape(r.label())).append("</text>");
            s.append("<line class=\"interval\" x1=\"").append(Svg.coordinate(x(r.lower()))).append("\" y1=\"").append(y)
                    .append("\" x2=\"").append(Svg.coordinate(x(r.upper()))).append("\" y2=\"").append(y)
                    .append("\" stroke=\"currentColor\" stroke-width=\"3\"/>");
            s.append("<circle class=\"estimate\" cx=\"").append(Svg.coordinate(x(r.estimate()))).append("\" cy=\"").append(y)
                    .append("\" r=\"5\"/>");
            s.append("<text x=\"").append(WIDTH - RIGHT + 8).append("\" y=\"").append(y).append("\" dy=\"4\">")
                    .append(Svg.escape(text(r))).append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    /** {@code +4.2 % [+1 %, +7.4 %]}. */
    public static String rowText(Row r) {
        return percent(r.estimate()) + " [" + percent(r.lower()) + ", " + percent(r.upper()) + "]";
    }

    /** A row's numbers on this chart's scale. */
    public String text(Row r) {
        if (scale.decimals() == null) {
            return rowText(r);
        }
        int d = scale.decimals();
        return ChartText.number(r.estimate(), d) + " [" + ChartText.number(r.lower(), d) + ", "
                + ChartText.number(r.upper(), d) + "]";
    }

    private String tickLabel(double t) {
        if (scale.decimals() != null) {
            return ChartText.number(t, Math.max(0, Ticks.decimalsFor(ticks.step())));
        }
        String n = ChartText.number(t * 100, Math.max(0, Ticks.decimalsFor(ticks.step() * 100)));
        return n + " %";
    }

    private String description() {
        if (rows.isEmpty()) {
            return scale.none();
        }
        List<String> parts = new ArrayList<>();
        for (Row r : rows) {
            String verdict = r.lower() > 0 ? "the interval lies above zero" : r.upper() < 0 ? "the interval lies below zero"
                    : "the interval includes zero";
            parts.add(r.label() + ": " + text(r) + ", " + verdict);
        }
        return scale.meaning() + " " + String.join("; ", parts) + ".";
    }
}
