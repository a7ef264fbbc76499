package io.refinery.oversight.console.charts;

/** The legend row above a {@link LineChart}: one swatch and label per element the chart draws. */
final class ChartLegend {

    /** Rough width of one character at the chart's 12 px font, to place the next entry. */
    private static final double CHAR_WIDTH = 6.8;

    private ChartLegend() {
    }

    static void draw(StringBuilder out, LineChart.Spec spec, int left, int baseline) {
        double x = left;
        out.append("<g class=\"chart-legend\">");
        if (!spec.series().isEmpty()) {
            out.append("<line x1=\"").append(Svg.coordinate(x)).append("\" x2=\"").append(Svg.coordinate(x + 18))
                    .append("\" y1=\"").append(baseline - 4).append("\" y2=\"").append(baseline - 4).append("\" stroke=\"")
                    .append(LineChart.LINE).append("\" stroke-width=\"2\"/>");
            x = label(out, x + 24, baseline, spec.seriesLabel());
            if (spec.series().stream().anyMatch(LineChart.Point::flagged)) {
                out.append("<circle cx=\"").append(Svg.coordinate(x + 5)).append("\" cy=\"").append(baseline - 4)
                        .append("\" r=\"5\" fill=\"").append(LineChart.FLAG).append("\"/>");
                x = label(out, x + 14, baseline, "breach");
            }
        }
        if (!spec.band().isEmpty()) {
            out.append("<rect x=\"").append(Svg.coordinate(x)).append("\" y=\"").append(baseline - 10)
                    .append("\" width=\"14\" height=\"12\" fill=\"").append(LineChart.BAND).append("\" fill-opacity=\"0.3\"/>");
            x = label(out, x + 20, baseline, spec.bandLabel());
        }
        if (spec.reference() != null) {
            out.append("<line x1=\"").append(Svg.coordinate(x)).append("\" x2=\"").append(Svg.coordinate(x + 18))
                    .append("\" y1=\"").append(baseline - 4).append("\" y2=\"").append(baseline - 4).append("\" stroke=\"")
                    .append(LineChart.INK).append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
            label(out, x + 24, baseline, spec.referenceLabel());
        }
        out.append("</g>");
    }

    /** Writes {@code text} at {@code x} and returns where the next entry starts. */
    private static double label(StringBuilder out, double x, int baseline, String text) {
        String t = text == null || text.isBlank() ? "" : text;
        out.append("<text x=\"").append(Svg.coordinate(x)).append("\" y=\"").append(baseline).append("\">")
                .append(Svg.escape(t)).append("</text>");
        return x + t.length() * CHAR_WIDTH + 18;
    }
}
