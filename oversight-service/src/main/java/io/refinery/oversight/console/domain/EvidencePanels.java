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

import io.refinery.oversight.evidence.domain.EvidenceBundle;

/**
 * The evidence bundle ({@link EvidenceBundle}, which reads the other services with a timeout per part) as panels: the
 * alert with its metric series drawn against the baseline, the latest drift run, the feedback themes of the week
 * before the request, the system's running experiments and, when the request names one, an experiment's results.
 */
final class EvidencePanels {

    static final int EXAMPLES_PER_THEME = 2;
    static final int MAX_EXAMPLE = 280;
    private static final String METRICS = "metrics-service";
    private static final String FEEDBACK = "feedback-service";
    private static final String EXPERIMENTS = "experiment-service";
    private static final List<String> FEATURE_COLUMNS = List.of("feature", "type", "method", "statistic", "pValue",
            "threshold", "drifted", "band", "meanShift", "note");
    private static final List<String> EXPERIMENT_COLUMNS = List.of("key", "kind", "state", "hypothesis", "startedAt",
            "endsAt", "requiredUnitsPerVariant");

    private EvidencePanels() {
    }

    static List<EvidencePanel> of(String systemKey, List<EvidenceBundle.Part> parts) {
        Map<String, EvidenceBundle.Part> byName = new HashMap<>();
        parts.forEach(p -> byName.put(p.name(), p));
        List<EvidencePanel> panels = new ArrayList<>();
        if (byName.containsKey("alert") || byName.containsKey("metricSeries")) {
            panels.add(alert(systemKey, byName.get("alert"), byName.get("metricSeries")));
        }
        panel(byName.get("latestDrift"), "drift", "Latest drift run", METRICS, panels, EvidencePanels::drift);
        EvidenceBundle.Part examples = byName.get("feedbackExamples");
        panel(byName.get("feedbackThemes"), "feedback", "Feedback themes in the week before the request", FEEDBACK, panels,
                (key, title, source, data) -> feedback(key, title, source, data, examples));
        panel(byName.get("runningExperiments"), "experiments", "Running experiments", EXPERIMENTS, panels,
                EvidencePanels::experiments);
        panel(byName.get("experimentResults"), "results", "Results of the experiment this request names", EXPERIMENTS,
                panels, (key, title, source, data) -> new EvidencePanel(key, title, source, null, null,
                        ReadableJson.of(data), "The experiment has no results yet.",
                        data.path("experimentKey").isTextual() ? List.of(EvidencePanel.Link.experiment(
                                data.path("experimentKey").asText())) : List.of()));
        return List.copyOf(panels);
    }

    private interface PanelBuilder {
        EvidencePanel build(String key, String title, String source, JsonNode data);
    }

    private static void panel(EvidenceBundle.Part part, String key, String title, String source, List<EvidencePanel> panels,
            PanelBuilder builder) {
        if (part == null) {
            return;
        }
        panels.add(available(part) ? builder.build(key, title, source, part.data())
                : EvidencePanel.unavailable(key, title, source, part.reason()));
    }

    private static EvidencePanel alert(String systemKey, EvidenceBundle.Part alert, EvidenceBundle.Part series) {
        String title = "Alert and its metric against the baseline";
        List<String> missing = new ArrayList<>();
        String reason = null;
        JsonNode alertData = null;
        JsonNode seriesData = null;
        if (alert != null && available(alert)) {
            alertData = alert.data();
        } else if (alert != null) {
            missing.add("the alert");
            reason = alert.reason();
        }
        if (series != null && available(series)) {
            seriesData = series.data();
        } else if (series != null) {
            missing.add("the metric series");
            reason = reason == null ? series.reason() : reason;
        }
        String notice = missing.isEmpty() ? null : METRICS + " could not be reached for " + String.join(" and ", missing)
                + " (" + (reason == null ? "no answer" : reason) + "). The rest of the page is unaffected; reload to try again.";
        ReadableJson facts = ReadableJson.EMPTY;
        if (alertData != null && alertData.isObject()) {
            ObjectNode shown = ((ObjectNode) alertData).deepCopy();
            JsonNode note = shown.path("evidence").path("note");
            shown.remove(List.of("id", "ruleId", "systemKey", "evidence", "oversightRequestId"));
            if (note.isTextual()) {
                shown.put("note", note.asText());
            }
            facts = ReadableJson.of(shown);
        }
        EvidencePanel.Chart chart = AlertChart.of(systemKey, alertData, seriesData);
        String empty = alertData == null && seriesData == null ? null : "No values of this metric in the period around the request.";
        return new EvidencePanel("alert", title, METRICS, notice, chart, facts, chart == null ? empty : null);
    }

    private static EvidencePanel drift(String key, String title, String source, JsonNode page) {
        JsonNode run = page.path("items").path(0);
        if (!run.isObject()) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY,
                    "No drift run for this system yet: no drift monitor has been evaluated.");
        }
        ObjectNode shown = ((ObjectNode) run).deepCopy();
        shown.remove(List.of("id", "monitorId", "systemKey", "detectionId"));
        shown.set("features", select(run.path("features"), FEATURE_COLUMNS));
        return new EvidencePanel(key, title, source, null, null, ReadableJson.of(shown), null);
    }

    private static EvidencePanel feedback(String key, String title, String source, JsonNode summary,
            EvidenceBundle.Part examples) {
        JsonNode total = summary.path("total");
        if (!total.isObject() || total.path("count").asLong() == 0) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY,
                    "No feedback about this system in the week before the request.");
        }
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.set("from", summary.path("from"));
        shown.set("to", summary.path("to"));
        total.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("channel") && !e.getKey().equals("segment") && !e.getKey().equals("topThemes")) {
                shown.set(e.getKey(), e.getValue());
            }
        });
        String notice = null;
        List<EvidencePanel.ThemeExamples> themes;
        if (examples != null && available(examples)) {
            themes = themeExamples(total.path("topThemes"), examples.data().path("items"));
        } else {
            themes = themeExamples(total.path("topThemes"), JsonNodeFactory.instance.arrayNode());
            if (examples != null) {
                notice = FEEDBACK + " could not be reached for the example comments (" + (examples.reason() == null
                        ? "no answer" : examples.reason()) + "); the counts above are complete.";
            }
        }
        return new EvidencePanel(key, title, source, notice, null, ReadableJson.of(shown), null, List.of(), themes);
    }

    /**
     * The period's top themes, most frequent first, each with up to {@value #EXAMPLES_PER_THEME} of its newest comments
     * among {@code items} (feedback-service redacted them at intake; the console shortens long ones).
     */
    static List<EvidencePanel.ThemeExamples> themeExamples(JsonNode topThemes, JsonNode items) {
        List<EvidencePanel.ThemeExamples> out = new ArrayList<>();
        for (JsonNode t : topThemes) {
            String theme = t.path("theme").asText(null);
            if (theme == null) {
                continue;
            }
            List<EvidencePanel.Example> quoted = new ArrayList<>();
            for (JsonNode item : items) {
                if (quoted.size() == EXAMPLES_PER_THEME) {
                    break;
                }
                boolean about = false;
                for (JsonNode th : item.path("themes")) {
                    about |= theme.equals(th.asText());
                }
                String text = item.path("text").asText("").strip();
                if (about && !text.isEmpty()) {
                    quoted.add(new EvidencePanel.Example(shorten(text), Labels.constant(item.path("channel").asText("")),
                            item.path("customerSegment").asText(null), item.path("sentimentLabel").asText(null),
                            stamp(item.path("occurredAt").asText(null))));
                }
            }
            out.add(new EvidencePanel.ThemeExamples(theme, t.path("count").asLong(), List.copyOf(quoted)));
        }
        return List.copyOf(out);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_EXAMPLE ? text : text.substring(0, MAX_EXAMPLE - 1).stripTrailing() + "…";
    }

    private static Stamp stamp(String iso) {
        try {
            return iso == null ? null : Stamp.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static EvidencePanel experiments(String key, String title, String source, JsonNode page) {
        JsonNode items = page.path("items");
        if (!items.isArray() || items.isEmpty()) {
            return new EvidencePanel(key, title, source, null, null, ReadableJson.EMPTY,
                    "No experiment is running on this system.");
        }
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        shown.set("experiments", select(items, EXPERIMENT_COLUMNS));
        List<EvidencePanel.Link> links = new ArrayList<>();
        items.forEach(i -> {
            if (i.path("key").isTextual()) {
                links.add(EvidencePanel.Link.experiment(i.path("key").asText()));
            }
        });
        return new EvidencePanel(key, title, source, null, null, ReadableJson.of(shown), null, List.copyOf(links));
    }

    /** The objects of {@code array} with only {@code columns}, in that order. */
    private static ArrayNode select(JsonNode array, List<String> columns) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : array) {
            ObjectNode row = out.addObject();
            columns.forEach(c -> row.set(c, item.path(c).isMissingNode() ? JsonNodeFactory.instance.nullNode() : item.get(c)));
        }
        return out;
    }

    private static boolean available(EvidenceBundle.Part part) {
        return "AVAILABLE".equals(part.status()) && part.data() != null;
    }
}
