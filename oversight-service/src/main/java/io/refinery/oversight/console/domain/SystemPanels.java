package io.refinery.oversight.console.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.refinery.oversight.console.charts.ChartText;
import io.refinery.oversight.console.charts.ForestPlot;
import io.refinery.oversight.evidence.domain.EvidenceBundle;

/**
 * The system page's panels beyond a request's evidence: every drift monitor of the system with its schedule and
 * health, the system's recent drift detections with the remediation recommended and the one reviewers chose, and the
 * feedback sentiment per customer segment drawn as a forest plot (mean sentiment with its 95 % interval).
 */
final class SystemPanels {

    private static final String METRICS = "metrics-service";
    private static final String FEEDBACK = "feedback-service";
    private static final ForestPlot.Scale SENTIMENT = new ForestPlot.Scale("mean sentiment (−1 negative … +1 positive)", 2,
            "Mean sentiment of the feedback per customer segment with its 95 % interval.",
            "Too few items per segment for an interval yet.");

    private SystemPanels() {
    }

    static List<EvidencePanel> of(List<EvidenceBundle.Part> parts, int sentimentDays) {
        Map<String, EvidenceBundle.Part> byName = new HashMap<>();
        parts.forEach(p -> byName.put(p.name(), p));
        List<EvidencePanel> panels = new ArrayList<>();
        add(panels, byName.get("driftMonitors"), "monitors", "Drift monitors", METRICS, SystemPanels::monitors);
        add(panels, byName.get("driftDetections"), "detections", "Recent drift detections and remediations", METRICS,
                SystemPanels::detections);
        String sentimentTitle = "Feedback sentiment by customer segment, last " + sentimentDays + " days";
        add(panels, byName.get("sentimentBySegment"), "segments", sentimentTitle, FEEDBACK, SystemPanels::segments);
        return List.copyOf(panels);
    }

    private interface Builder {
        EvidencePanel build(String key, String title, String source, JsonNode data);
    }

    private static void add(List<EvidencePanel> panels, EvidenceBundle.Part part, String key, String title, String source,
            Builder builder) {
        if (part == null) {
            return;
        }
        panels.add("AVAILABLE".equals(part.status()) && part.data() != null ? builder.build(key, title, source, part.data())
                : EvidencePanel.unavailable(key, title, source, part.reason()));
    }

    static EvidencePanel monitors(String key, String title, String source, JsonNode page) {
        JsonNode items = page.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY, "No drift monitor watches this "
                    + "system: create one with POST /api/v1/drift/monitors on metrics-service.");
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode m : items) {
            ObjectNode row = rows.addObject();
            row.put("name", m.path("name").asText(""));
            List<String> features = new ArrayList<>();
            m.path("features").forEach(f -> features.add(f.path("name").asText(f.path("feature").asText(""))));
            row.put("features", String.join(", ", features));
            row.put("method", m.path("method").asText(""));
            row.put("lastEvaluated", when(m.path("lastEvaluatedAt").asText(null)));
            row.put("nextEvaluation", when(m.path("nextEvaluationAt").asText(null)));
            int failed = m.path("failedAttempts").asInt(0);
            row.put("health", failed == 0 ? "healthy" : failed + " failed evaluation" + (failed == 1 ? "" : "s") + ": "
                    + m.path("lastError").asText("unknown error") + " (retried with back-off)");
        }
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.set("monitors", rows);
        return new EvidencePanel(key, title, source, null, null, ReadableJson.of(shown), null);
    }

    static EvidencePanel detections(String key, String title, String source, JsonNode page) {
        JsonNode items = page.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY,
                    "No drift detected on this system so far.");
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode d : items) {
            ObjectNode row = rows.addObject();
            row.put("detected", when(d.path("detectedAt").asText(null)));
            row.put("kind", Labels.constant(d.path("kind").asText("")));
            row.put("magnitude", d.path("magnitude").isNumber() ? ChartText.number(d.path("magnitude").asDouble(), 3) : "—");
            row.put("recommended", Labels.constant(d.path("recommendedAction").asText("")));
            List<String> reasons = new ArrayList<>();
            d.path("reasons").forEach(r -> reasons.add(r.asText()));
            row.put("reasons", String.join("; ", reasons));
            JsonNode decision = d.path("decision");
            row.put("decision", decision.isObject() ? decided(decision) : "awaiting review");
        }
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.set("detections", rows);
        return new EvidencePanel(key, title, source, null, null, ReadableJson.of(shown), null);
    }

    private static String decided(JsonNode d) {
        String outcome = Labels.constant(d.path("outcome").asText(""));
        String chosen = d.path("chosenAction").isTextual() ? ": " + Labels.constant(d.path("chosenAction").asText()) : "";
        String by = d.path("decidedBy").isTextual() ? " by " + d.path("decidedBy").asText() : "";
        return outcome + chosen + by;
    }

    static EvidencePanel segments(String key, String title, String source, JsonNode summary) {
        JsonNode groups = summary.path("groups");
        if (!groups.isArray() || groups.isEmpty()) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY,
                    "No feedback about this system in this period. Feedback arrives through POST /api/v1/feedback or the "
                            + "refinery.feedback.items topic on feedback-service.");
        }
        List<ForestPlot.Row> plotted = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode g : groups) {
            String segment = g.path("segment").isTextual() ? g.path("segment").asText() : "(no segment)";
            JsonNode mean = g.path("meanSentiment");
            JsonNode low = g.path("ciLow");
            JsonNode high = g.path("ciHigh");
            if (mean.isNumber() && low.isNumber() && high.isNumber()) {
                plotted.add(new ForestPlot.Row(segment, mean.asDouble(), low.asDouble(), high.asDouble()));
            }
            JsonNode top = g.path("topThemes").path(0);
            rows.add(List.of(segment, Long.toString(g.path("count").asLong()),
                    mean.isNumber() ? ChartText.number(mean.asDouble(), 2) : "—",
                    low.isNumber() && high.isNumber() ? "[" + ChartText.number(low.asDouble(), 2) + ", "
                            + ChartText.number(high.asDouble(), 2) + "]" : "—",
                    g.path("shareNegative").isNumber() ? ChartText.number(g.path("shareNegative").asDouble() * 100, 1) + " %" : "—",
                    top.isObject() ? top.path("theme").asText() + " (" + top.path("count").asLong() + ")" : "—"));
        }
        ForestPlot plot = ForestPlot.of("chart-sentiment", "Mean sentiment by customer segment", plotted, SENTIMENT);
        EvidencePanel.Chart chart = new EvidencePanel.Chart(plot.render(), "Mean sentiment by customer segment",
                "Dot: the segment's mean sentiment; bar: its 95 % interval; the vertical line is neutral (0). Segments whose "
                        + "interval lies below 0 are unhappy beyond doubt.",
                List.of("Segment", "Items", "Mean sentiment", "95 % interval", "Share negative", "Top theme"), List.copyOf(rows));
        return new EvidencePanel(key, title, source, null, chart, ReadableJson.EMPTY, null);
    }

    private static String when(String iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return Stamp.of(Instant.parse(iso)).text();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
