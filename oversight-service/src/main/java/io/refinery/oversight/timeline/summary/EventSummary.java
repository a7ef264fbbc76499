package io.refinery.oversight.timeline.summary;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.LifecycleEvent;

/**
 * One readable line for a timeline entry: an event from another service (its data as the topic's shared contract
 * reads it) or an entry of this service's audit log (by its action and details). Unknown types read as their type, so a new event
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

    /**
     * The line for an event of another service.
     *
     * @param event its data as the topic's shared contract reads it, or null for a type the contract does not know
     *              (the line is then the type)
     */
    public static String ofEvent(String type, Object event) {
        if (event instanceof AlertFired a) {
            return "%s alert fired: %s%s %s baseline for %d consecutive period(s)%s".formatted(a.severity(),
                    "ESTIMATED".equals(a.valueSource()) ? "estimated " : "", a.metric(),
                    a.rule() == null || a.rule().comparison() == null ? "off"
                            : a.rule().comparison().toLowerCase(Locale.ROOT),
                    a.consecutiveBreaches(), segment(a.segment()));
        }
        if (event instanceof AlertResolved a) {
            return "Alert on %s resolved%s".formatted(a.metric(), segment(a.segment()));
        }
        if (event instanceof DriftDetected d) {
            return drift(d);
        }
        if (event instanceof LifecycleEvent e) {
            return LifecycleLines.of(e);
        }
        if (event instanceof InsightEvent.ContradictionDetected c) {
            return "Contradiction between metrics and feedback: " + (c.summary() != null ? c.summary() : c.kind());
        }
        if (event instanceof InsightEvent.ThemeSpiked t) {
            return "Feedback theme '%s' spiked: %.0f%% of items (was %.0f%%)".formatted(t.theme(), 100 * t.share(),
                    100 * t.shareBefore());
        }
        return type;
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

    private static String drift(DriftDetected d) {
        String action = d.recommendation() == null ? "?" : d.recommendation().action();
        if ("CONCEPT".equals(d.kind()) && d.concept() != null) {
            DriftDetected.Concept concept = d.concept();
            String before = concept.errorBefore() == null ? "" : String.format(Locale.ROOT, "%.3f → ", concept.errorBefore());
            return String.format(Locale.ROOT, "Concept drift (%s): prediction error %s%.3f; recommended %s",
                    concept.detector(), before, concept.errorAfter(), action);
        }
        int total = d.features() == null ? 0 : d.features().size();
        return "Data drift: %d of %d feature(s) drifted%s; recommended %s".formatted(d.driftedFeatures().size(), total,
                suffix(d.monitorName()), action);
    }

    /** {@code io.refinery.metrics.alert.fired.v1} → {@code metrics.alert.fired}. */
    public static String kindOf(String type) {
        String kind = type.startsWith("io.refinery.") ? type.substring("io.refinery.".length()) : type;
        int version = kind.lastIndexOf(".v");
        return version > 0 && kind.substring(version + 2).chars().allMatch(Character::isDigit) ? kind.substring(0, version)
                : kind;
    }

    private static String segment(String segment) {
        return segment == null || segment.isEmpty() ? "" : " in segment " + segment;
    }

    static String suffix(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : fallback;
    }
}
