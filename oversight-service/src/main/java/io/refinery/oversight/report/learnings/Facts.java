package io.refinery.oversight.report.learnings;

import java.time.Instant;
import java.util.List;

/**
 * What happened in a report's period, per kind. Built by the service from the events it heard and its own tables;
 * everything here is plain data.
 */
public record Facts(List<String> systems, List<Alert> alerts, List<Drift> drifts, List<Experiment> experiments,
        List<CoverageGap> coverageGaps, List<String> uncoveredAtEnd, List<Feedback> feedback, List<Review> reviews,
        List<Rollout> rollouts) {

    /** The facts about one system. */
    public Facts of(String systemKey) {
        return new Facts(List.of(systemKey), only(alerts, Alert::systemKey, systemKey),
                only(drifts, Drift::systemKey, systemKey), only(experiments, Experiment::systemKey, systemKey),
                only(coverageGaps, CoverageGap::systemKey, systemKey),
                uncoveredAtEnd.contains(systemKey) ? List.of(systemKey) : List.of(),
                only(feedback, Feedback::systemKey, systemKey), only(reviews, Review::systemKey, systemKey),
                only(rollouts, Rollout::systemKey, systemKey));
    }

    private static <T> List<T> only(List<T> items, java.util.function.Function<T, String> key, String systemKey) {
        return items.stream().filter(i -> systemKey.equals(key.apply(i))).toList();
    }

    /** An alert that fired in the period; {@code resolvedAt} null while it is unresolved. */
    public record Alert(String systemKey, String alertId, String metric, String severity, Instant firedAt,
            Instant resolvedAt) {
    }

    /**
     * A drift detected in the period, its recommended remediation and, once decided, the reviewer's outcome and the
     * remediation chosen (null on REJECT).
     */
    public record Drift(String systemKey, String kind, String recommended, Instant at, String outcome, String chosen) {
    }

    public enum ExperimentEvent { STARTED, STOPPED, CONCLUDED, OVERDUE }

    /** An experiment event; {@code decision} and {@code lift} (the shipped variant's relative lift) on CONCLUDED. */
    public record Experiment(String systemKey, String experimentKey, String kind, ExperimentEvent event,
            String decision, Double lift, Instant at) {
    }

    /**
     * A coverage gap event in the period: opened, or closed. {@code uncoveredAtEnd}: systems whose last coverage event
     * before the period's end opened a gap (no running experiment then).
     */
    public record CoverageGap(String systemKey, boolean opened, Instant at) {
    }

    public enum FeedbackKind { CONTRADICTION, THEME_SPIKE }

    /** A feedback insight: a contradiction (subject: its kind) or a theme spike (subject: the theme). */
    public record Feedback(String systemKey, FeedbackKind kind, String subject, Instant at) {
    }

    /**
     * An oversight request submitted in the period and what became of it: {@code state} AUTO_APPROVED, PENDING,
     * APPROVED, REJECTED or MODIFIED; {@code breachedSla} when it was decided after its due time or is still pending
     * past it at the end of the period.
     */
    public record Review(String systemKey, String actionType, String tier, String state, boolean breachedSla) {
    }

    /** A rollout event: {@code what} is the event's kind (phase-approved, paused, ...), {@code phase} if any. */
    public record Rollout(String systemKey, String rolloutKey, String what, String phase, Instant at) {
    }
}
