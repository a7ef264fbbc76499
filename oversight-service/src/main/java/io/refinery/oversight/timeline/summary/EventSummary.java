package io.refinery.oversight.timeline.summary;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One readable line for a timeline entry: an event from another service (by its CloudEvent type and data) or an
 * entry of this service's audit log (by its action and details). Unknown types read as their type, so a new event
 * kind shows up before anyone writes its summary.
 */
public final class EventSummary {

    private static final Map<String, String> AUDIT = Map.ofEntries(
            Map.entry("REVIEW_SUBMITTED", "Oversight request submitted"),
            Map.entry("REVIEW_AUTO_APPROVED", "Oversight request auto-approved"),
            Map.entry("REVIEW_CLAIMED", "Review claimed"),
            Map.entry("REVIEW_RELEASED", "Review released"),
            Map.entry("REVIEW_APPROVAL_RECORDED", "First of two approvals recorded"),
            Map.entry("REVIEW_DECIDED", "Review decided"),
            Map.entry("REVIEW_ESCALATED", "Review escalated past its SLA"),
            Map.entry("POLICY_CHANGED", "Oversight policy changed"),
            Map.entry("SESSION_JOINED", "Joined a collaboration session"),
            Map.entry("SESSION_NOTE", "Note added to a collaboration session"));

    private EventSummary() {
    }

    /** The line for an event of another service. */
    public static String ofEvent(String type, JsonNode data) {
        String kind = kindOf(type);
        return switch (kind) {
            case "metrics.alert.fired" -> "%s alert fired: %s %s baseline for %d consecutive period(s)%s".formatted(
                    text(data, "severity", "An"), text(data, "metric", "?"),
                    text(data.path("rule"), "comparison", "off").toLowerCase(Locale.ROOT),
                    data.path("consecutiveBreaches").asInt(), segment(data));
            case "metrics.alert.resolved" -> "Alert on %s resolved%s".formatted(text(data, "metric", "?"), segment(data));
            case "metrics.drift.detected" -> drift(data);
            case "experiments.experiment.started" -> "Experiment %s started (%s): %s".formatted(text(data, "experimentKey", "?"),
                    text(data, "kind", "?"), text(data, "hypothesis", ""));
            case "experiments.experiment.stopped" -> "Experiment %s stopped (%s)%s".formatted(text(data, "experimentKey", "?"),
                    text(data, "trigger", "?"), suffix(text(data, "reason", null)));
            case "experiments.experiment.concluded" -> "Experiment %s concluded: %s".formatted(
                    text(data, "experimentKey", "?"), text(data, "decision", "?"));
            case "experiments.experiment.overdue" -> "Experiment %s overdue%s".formatted(text(data, "experimentKey", "?"),
                    suffix(text(data, "reason", null)));
            case "experiments.coverage.gap-opened" -> "Coverage gap opened: no running experiment";
            case "experiments.coverage.gap-closed" -> "Coverage gap closed by experiment " + text(data, "experimentKey", "?");
            case "feedback.contradiction.detected" -> "Contradiction between metrics and feedback: "
                    + text(data, "summary", text(data, "kind", "?"));
            case "feedback.theme.spiked" -> "Feedback theme '%s' spiked: %.0f%% of items (was %.0f%%)".formatted(
                    text(data, "theme", "?"), 100 * data.path("share").asDouble(), 100 * data.path("shareBefore").asDouble());
            default -> kind.startsWith("experiments.rollout.") ? rollout(kind, data) : type;
        };
    }

    /**
     * The line for an entry of the audit log.
     *
     * @param reviewActionType the action type of the review the entry is about, if it is about one (else null)
     */
    public static String ofAudit(String action, JsonNode details, String reviewActionType) {
        String base = AUDIT.getOrDefault(action, action);
        String actionType = text(details, "actionType", reviewActionType);
        String outcome = text(details, "outcome", null);
        StringBuilder line = new StringBuilder(base);
        if (actionType != null) {
            line.append(" (").append(actionType).append(')');
        }
        if (outcome != null) {
            line.append(": ").append(outcome);
        }
        String tier = text(details, "tier", null);
        if (tier != null) {
            line.append(", tier ").append(tier);
        }
        String version = text(details, "version", null);
        if ("POLICY_CHANGED".equals(action) && version != null) {
            line.append(": version ").append(version);
        }
        return line.toString();
    }

    private static String drift(JsonNode data) {
        String action = text(data.path("recommendation"), "action", "?");
        if ("CONCEPT".equals(text(data, "kind", ""))) {
            JsonNode concept = data.path("concept");
            String before = concept.path("errorBefore").isNumber()
                    ? String.format(Locale.ROOT, "%.3f → ", concept.path("errorBefore").asDouble()) : "";
            return String.format(Locale.ROOT, "Concept drift (%s): prediction error %s%.3f; recommended %s",
                    text(concept, "detector", "?"), before, concept.path("errorAfter").asDouble(), action);
        }
        int drifted = 0;
        int total = 0;
        for (JsonNode f : data.path("features")) {
            total++;
            if (f.path("drifted").asBoolean()) {
                drifted++;
            }
        }
        return "Data drift: %d of %d feature(s) drifted%s; recommended %s".formatted(drifted, total,
                suffix(text(data, "monitorName", null)), action);
    }

    private static String rollout(String kind, JsonNode data) {
        String what = kind.substring("experiments.rollout.".length()).replace('-', ' ');
        String phase = text(data, "phase", null);
        String reason = text(data, "reason", null);
        return "Rollout %s: %s%s%s".formatted(text(data, "rolloutKey", "?"), what,
                phase == null ? "" : " (phase " + phase + ")", suffix(reason));
    }

    /** {@code io.refinery.metrics.alert.fired.v1} → {@code metrics.alert.fired}. */
    public static String kindOf(String type) {
        String kind = type.startsWith("io.refinery.") ? type.substring("io.refinery.".length()) : type;
        int version = kind.lastIndexOf(".v");
        return version > 0 && kind.substring(version + 2).chars().allMatch(Character::isDigit) ? kind.substring(0, version)
                : kind;
    }

    private static String segment(JsonNode data) {
        String segment = text(data, "segment", null);
        return segment == null || segment.isEmpty() ? "" : " in segment " + segment;
    }

    private static String suffix(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : fallback;
    }
}
