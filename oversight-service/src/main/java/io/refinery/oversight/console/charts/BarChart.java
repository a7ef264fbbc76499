package io.refinery.oversight.console.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart as an accessible SVG string: one group of bars per category (a tier, an outcome, a system),
 * one bar per series in each group (alerts fired and drift detections, say), bar lengths proportional to the values
 * from a shared zero, and each value written as text at the end of its bar, so it reads without hovering and prints.
 * Several series get a legend and a CSS class per series ({@code series-0}, {@code series-1}, ...). The title and a
 * description listing every value are for screen readers; every text goes through {@link Svg#escape}. Negative and
 * non-finite values are drawn as zero; when every value is zero no bar has a length and the description says so.
 */
public final class BarChart {

    /** Layout in SVG units. */
    public static final int WIDTH = 640;
    public static final int LEFT = 180;
    public static final int RIGHT = 70;
    public static final int TOP = 8;
    public static final int BAR = 18;
    public static final int BAR_GAP = 4;
    public static final int GROUP_GAP = 14;
    public static final int LEGEND = 24;
    /** A generous width per character of a legend label, so that labels never run into the next swatch. */
    private static final double LEGEND_CHAR_WIDTH = 8.5;
    /** Labels longer than this are shortened on the chart (the full label stays in the bar's title and the description). */
    public static final int MAX_LABEL = 26;

    /** One category: its label and one value per series. */
    public record Group(String label, List<Double> values) {

        public Group {
            values = values == null ? List.of() : List.copyOf(values);
        }

        /** A category with a single value. */
        public static Group of(String label, double value) {
            return new Group(label, List.of(value));
        }
    }

    private final String id;
    private final String title;
    private final List<String> series;
    private final List<Group> groups;
    private final double max;

    /**
     * @param id     unique on the page (used for the title and description ids)
     * @param title  what the chart shows
     * @param series the series' names, at least one; a legend is drawn when there are two or more
     * @param groups the categories, drawn top to bottom in this order
     */
    public BarChart(String id, String title, List<String> series, List<Group> groups) {
        this.id = Svg.id(id);
        this.title = title;
        this.series = series == null || series.isEmpty() ? List.of("") : List.copyOf(series);
        this.groups = groups == null ? List.of() : List.copyOf(groups);
        double m = 0;
        for (Group g : this.groups) {
            for (int s = 0; s < this.series.size(); s++) {
                m = Math.max(m, value(g, s));
            }
        }
        this.max = m;
    }

    /** A chart of one series. */
    public static BarChart single(String id, String title, String series, List<Group> groups) {
        return new BarChart(id, title, List.of(series), groups);
    }

    /** The largest value drawn; 0 when every value is zero (then every bar has length 0). */
    public double max() {
        return max;
    }

    /** The width from the zero line to the end of the longest bar. */
    public static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    /** The drawn length of a bar of {@code value}. */
    public double length(double value) {
        double v = clean(value);
        return max <= 0 ? 0 : v / max * plotWidth();
    }

    /** The y of the top of bar {@code s} of group {@code g}. */
    public double y(int g, int s) {
        return top() + g * groupHeight() + s * (BAR + BAR_GAP);
    }

    public int height() {
        return top() + Math.max(1, groups.size()) * groupHeight() - GROUP_GAP + BAR_GAP + 4;
    }

    /** The value of series {@code s} in group {@code g} as it is drawn: 0 for missing, negative or non-finite. */
    public double value(Group g, int s) {
        return s < g.values().size() && g.values().get(s) != null ? clean(g.values().get(s)) : 0;
    }

    /** A value as its label: whole numbers plain, others with one decimal ({@code 3}, {@code 2.5}). */
    public static String valueText(double value) {
        return ChartText.number(clean(value), 1);
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height()).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" data-chart=\"").append(id).append("\"><title id=\"").append(id).append("-title\">")
                .append(Svg.escape(title)).append("</title><desc id=\"").append(id).append("-desc\">")
                .append(Svg.escape(description())).append("</desc>");
        if (series.size() > 1) {
            legend(s);
        }
        double bottom = height() - 4;
        s.append("<line class=\"zero\" x1=\"").append(LEFT).append("\" y1=\"").append(top() - 4).append("\" x2=\"")
                .append(LEFT).append("\" y2=\"").append(Svg.coordinate(bottom)).append("\" stroke=\"currentColor\"/>");
        if (groups.isEmpty()) {
            s.append("<text x=\"").append(LEFT + 8).append("\" y=\"").append(top() + BAR - 4)
                    .append("\">Nothing to show in this period.</text>");
        }
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            double centre = y(g, 0) + (series.size() * (BAR + BAR_GAP) - BAR_GAP) / 2.0;
            s.append("<g class=\"group\"><text class=\"label\" x=\"").append(LEFT - 8).append("\" y=\"")
                    .append(Svg.coordinate(centre)).append("\" dy=\"4\" text-anchor=\"end\">")
                    .append(Svg.escape(shorten(group.label()))).append("</text>");
            for (int i = 0; i < series.size(); i++) {
                double v = value(group, i);
                double len = length(v);
                String y = Svg.coordinate(y(g, i));
                s.append("<rect class=\"bar series-").append(i).append("\" x=\"").append(LEFT).append("\" y=\"").append(y)
                        .append("\" width=\"").append(Svg.coordinate(len)).append("\" height=\"").append(BAR)
                        .append("\" data-value=\"").append(valueText(v)).append("\"><title>")
                        .append(Svg.escape(barTitle(group, i, v))).append("</title></rect>");
                s.append("<text class=\"value\" x=\"").append(Svg.coordinate(LEFT + len + 6)).append("\" y=\"")
                        .append(Svg.coordinate(y(g, i) + BAR / 2.0)).append("\" dy=\"4\">").append(valueText(v))
                        .append("</text>");
            }
            s.append("</g>");
        }
        return s.append("</svg>").toString();
    }

    /** What the chart says, for {@code <desc>}: every category with its values, or that there is nothing. */
    public String description() {
        if (groups.isEmpty()) {
            return "Nothing to show in this period.";
        }
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            if (series.size() == 1) {
                parts.add(g.label() + ": " + valueText(value(g, 0)));
            } else {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < series.size(); i++) {
                    values.add(series.get(i) + " " + valueText(value(g, i)));
                }
                parts.add(g.label() + ": " + String.join(", ", values));
            }
        }
        String all = String.join("; ", parts) + ".";
        return max <= 0 ? "Every value is zero. " + all : all;
    }

    private void legend(StringBuilder s) {
        double x = LEFT;
        s.append("<g class=\"chart-legend\">");
        for (int i = 0; i < series.size(); i++) {
            s.append("<rect class=\"bar series-").append(i).append("\" x=\"").append(Svg.coordinate(x))
                    .append("\" y=\"4\" width=\"14\" height=\"12\"/>");
            s.append("<text x=\"").append(Svg.coordinate(x + 20)).append("\" y=\"14\">").append(Svg.escape(series.get(i)))
                    .append("</text>");
            x += 20 + series.get(i).length() * LEGEND_CHAR_WIDTH + 24;
        }
        s.append("</g>");
    }

    private String barTitle(Group g, int s, double v) {
        String name = series.get(s);
        return g.label() + (name.isBlank() ? "" : ", " + name) + ": " + valueText(v);
    }

    private int top() {
        return TOP + (series.size() > 1 ? LEGEND : 0);
    }

    private int groupHeight() {
        return series.size() * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
    }

    private static String shorten(String label) {
        String l = label == null ? "" : label;
        return l.length() <= MAX_LABEL ? l : l.substring(0, MAX_LABEL - 1) + "…";
    }

    private static double clean(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0;
    }
}
