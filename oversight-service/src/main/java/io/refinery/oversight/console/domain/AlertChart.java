package io.refinery.oversight.console.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.refinery.oversight.console.charts.LineChart;
import io.refinery.oversight.console.charts.Svg;

/**
 * The chart of an alert: its metric's series (metrics-service {@code .../metrics/{metric}/series}) against the
 * baseline band of the periods the alert judged ({@code evidence.breachingPeriods}: baseline to threshold), breaches
 * flagged. For an alert on estimated performance the series is the estimator's days (metrics-service
 * {@code .../performance/estimators/{key}/days}: each day's value, estimated or realized). Without the series, the
 * judged periods' own values are drawn.
 */
final class AlertChart {

    private AlertChart() {
    }

    /** The chart, or null when neither side has a value to draw. */
    static EvidencePanel.Chart of(String systemKey, JsonNode alert, JsonNode series) {
        Map<Instant, JsonNode> judged = new HashMap<>();
        List<LineChart.Band> band = new ArrayList<>();
        Double lastBaseline = null;
        if (alert != null) {
            for (JsonNode period : alert.path("evidence").path("breachingPeriods")) {
                Instant at = instant(period.path("start"));
                if (at == null) {
                    continue;
                }
                judged.put(at, period);
                if (period.path("baseline").isNumber() && period.path("threshold").isNumber()) {
                    band.add(new LineChart.Band(at, period.path("threshold").asDouble(), period.path("baseline").asDouble()));
                    lastBaseline = period.path("baseline").asDouble();
                }
            }
        }
        List<LineChart.Point> points = new ArrayList<>();
        JsonNode source = series != null && series.path("points").isArray() && !series.path("points").isEmpty()
                ? series.path("points") : null;
        String metricName = text(alert, "metric", null);
        if (source == null && series != null && series.path("days").isArray() && metricName != null) {
            for (JsonNode d : series.path("days")) {
                Instant at = instant(d.path("day").isTextual() ? TextNode.valueOf(d.path("day").asText() + "T00:00:00Z")
                        : d.path("day"));
                JsonNode value = d.path("metrics").path(metricName).path("value");
                if (at != null && value.isNumber()) {
                    points.add(new LineChart.Point(at, value.asDouble(), breach(judged.get(at))));
                }
            }
        } else if (source != null) {
            for (JsonNode p : source) {
                Instant at = instant(p.path("start"));
                if (at != null && p.path("value").isNumber()) {
                    points.add(new LineChart.Point(at, p.path("value").asDouble(), breach(judged.get(at))));
                }
            }
        } else {
            judged.forEach((at, period) -> {
                if (period.path("value").isNumber()) {
                    points.add(new LineChart.Point(at, period.path("value").asDouble(), breach(period)));
                }
            });
        }
        if (points.isEmpty() && band.isEmpty()) {
            return null;
        }
        String metric = text(alert, "metric", text(series, "metric", "metric"));
        String segment = text(alert, "segment", null);
        String what = metric + (segment == null ? "" : " (" + segment + ")");
        String title = what + " of " + systemKey + " against its baseline";
        LineChart.Spec spec = new LineChart.Spec("chart-" + Svg.id(metric), title, metric, what + " per period", points,
                "baseline to threshold", band, lastBaseline, "baseline");
        return new EvidencePanel.Chart(LineChart.svg(spec), title, "Shaded: the baseline band of each judged period; large red "
                + "points: breaching periods; dashed: the latest baseline.", List.of("Period start", "Value", "Baseline", "Threshold",
                "Verdict"), rows(spec.series(), judged));
    }

    private static List<List<String>> rows(List<LineChart.Point> points, Map<Instant, JsonNode> judged) {
        List<List<String>> rows = new ArrayList<>();
        for (LineChart.Point p : points) {
            JsonNode j = judged.get(p.at());
            rows.add(List.of(Stamp.of(p.at()).text(), number(p.value()), j == null ? "—" : ReadableJson.text(j.path("baseline")),
                    j == null ? "—" : ReadableJson.text(j.path("threshold")), j == null ? "not judged" : Labels.constant(j.path("verdict").asText())));
        }
        return rows;
    }

    private static boolean breach(JsonNode period) {
        return period != null && "BREACH".equals(period.path("verdict").asText());
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node != null && node.path(field).isTextual() && !node.path(field).asText().isBlank() ? node.path(field).asText()
                : fallback;
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
