package io.refinery.oversight.report.learnings;

import java.time.Instant;
import java.util.List;

/**
 * What happened in a report's period, per kind. Built by the service from the events it heard and its own tables;
 * everything here is plain data.
 *
 * @param holdoutReadings every holdout reading heard in the period (the report keeps each holdout's latest)
 */
public record Facts(List<String> systems, List<Alert> alerts, List<Drift> drifts, List<Experiment> experiments,
        List<CoverageGap> coverageGaps, List<String> uncoveredAtEnd, List<Feedback> feedback, List<Review> reviews,
        List<Rollout> rollouts, List<HoldoutReading> holdoutReadings) {

    /** The facts about one system. */
    public Facts of(String systemKey) {
        return new Facts(List.of(systemKey), only(alerts, Alert::systemKey, systemKey),
                only(drifts, Drift::systemKey, systemKey), only(experiments, Experiment::systemKey, systemKey),
                only(coverageGaps, CoverageGap::systemKey, systemKey),
                uncoveredAtEnd.contains(systemKey) ? List.of(systemKey) : List.of(),
                only(feedback, Feedback::systemKey, systemKey), only(reviews, Review::systemKey, systemKey),
                only(rollouts, Rollout::systemKey, systemKey), only(holdoutReadings, HoldoutReading::systemKey, systemKey));
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

    /** The experiment kind of an A/A test: identical variants on purpose; it never ships. */
    public static final String AA_TEST = "AA_TEST";
    /** The experiment kind of a holdout: units kept out of every change of a system; it is released, never shipped. */
    public static final String HOLDOUT = "HOLDOUT";
    /** The advice of an A/A test's evaluation when identical variants differed (or the sample ratio was off). */
    public static final String AA_FAILED = "AA_FAILED";

    /**
     * An experiment event; {@code decision}, {@code lift} (the shipped variant's relative lift) and {@code advice} (the
     * evaluation's {@code recommendation.advice}, e.g. AA_FAILED) on CONCLUDED. {@code kind} is the experiment's
     * (AA_TEST and HOLDOUT are counted apart from the experiments), null when unknown.
     */
    public record Experiment(String systemKey, String experimentKey, String kind, ExperimentEvent event,
            String decision, Double lift, String advice, Instant at) {

        /** An A/A test's event. */
        public boolean aaTest() {
            return AA_TEST.equals(kind);
        }

        /** A holdout's event. */
        public boolean holdout() {
            return HOLDOUT.equals(kind);
        }
    }

    /**
     * A reading of a holdout heard in the period (experiment-service's holdout.measured event): the exposed
     * population's relative lift against the held-out units on {@code metric}, i.e. the cumulative impact of what
     * shipped on the system since the holdout began ({@code shipped}: {@code key:variant} and {@code rollout:key}).
     * Lift, interval and p-value are null until both sides have units; {@code finalReading} when the holdout ended.
     */
    public record HoldoutReading(String systemKey, String holdoutKey, String metric, double share, long heldOutUnits,
            long exposedUnits, Double relativeLift, Double ciLow, Double ciHigh, Double pValue, String advice,
            List<String> shipped, Instant measuredAt, boolean finalReading) {

        public HoldoutReading {
            shipped = shipped == null ? List.of() : List.copyOf(shipped);
        }
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
