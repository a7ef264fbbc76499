package io.refinery.oversight.report.learnings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The learnings report of a period: numbers for all systems together and per system, then the capability gaps and
 * roadmap signals derived from them ({@link Findings}). Rates are null where their denominator is zero.
 */
public record LearningsReport(Period period, Section overall, List<SystemSection> systems, List<Finding> capabilityGaps,
        List<Finding> roadmapSignals) {

    /** [from, to); {@code label} such as 2026-Q4 when asked by quarter. */
    public record Period(Instant from, Instant to, String label) {
    }

    public record SystemSection(String systemKey, Section numbers) {
    }

    public record Section(Alerts alerts, Drift drift, Experiments experiments, Holdouts holdouts, Feedback feedback,
            Oversight oversight, Rollouts rollouts) {
    }

    /** Alerts fired in the period; time to resolution over those resolved (by the time the report is made). */
    public record Alerts(int fired, int resolved, int unresolved, Double medianHoursToResolution,
            Map<String, Integer> firedByMetric) {
    }

    /** Detections by kind, recommended remediations, and the remediations reviewers chose. */
    public record Drift(int detections, Map<String, Integer> byKind, Map<String, Integer> recommended,
            Map<String, Integer> chosen, int rejected, int undecided) {
    }

    /**
     * Experiments: win rate = SHIP decisions / concluded; median lift over shipped variants with a known lift; share
     * inconclusive = INCONCLUSIVE / concluded. These and {@code started} and {@code overdue} count only tests of
     * treatments: A/A tests (kind AA_TEST) and holdouts (kind HOLDOUT) never ship, so they are counted apart.
     *
     * @param aaTestsStarted    A/A tests started in the period
     * @param aaTestsConcluded  A/A tests concluded in the period
     * @param aaTestsFailed     of those, the ones whose evaluation's advice was AA_FAILED: identical variants differed
     *                          (or the sample ratio was off), so the assignment, logging or metric needs fixing
     * @param holdoutsStarted   holdouts started in the period
     * @param holdoutsConcluded holdouts concluded (released) in the period
     */
    public record Experiments(int started, int concluded, int shipped, int keptControl, int inconclusive, Double winRate,
            Double medianLift, Double shareInconclusive, int overdue, int coverageGapsOpened, int aaTestsStarted,
            int aaTestsConcluded, int aaTestsFailed, int holdoutsStarted, int holdoutsConcluded) {
    }

    /** Each holdout with a reading in the period, by system and holdout key: its latest reading in the period. */
    public record Holdouts(List<HoldoutReading> readings) {
    }

    /**
     * A holdout's reading: the exposed population's relative lift against the {@code share} of units held out
     * ({@code heldOutUnits}) on {@code metric}, i.e. the cumulative impact of the {@code shippedCount} changes that
     * shipped on the system since the holdout began ({@code shipped}: {@code key:variant} and {@code rollout:key}).
     * Lift, interval ({@code ciLow}, {@code ciHigh}) and p-value are null until both sides have units.
     *
     * @param advice       IMPACT_POSITIVE, IMPACT_NEGATIVE, NO_IMPACT_DETECTED, KEEP_RUNNING or INCONCLUSIVE
     * @param finalReading the holdout ended with this reading
     */
    public record HoldoutReading(String systemKey, String holdoutKey, String metric, double share, long heldOutUnits,
            long exposedUnits, Double relativeLift, Double ciLow, Double ciHigh, Double pValue, String advice,
            int shippedCount, List<String> shipped, Instant measuredAt, boolean finalReading) {
    }

    public record Feedback(int contradictions, Map<String, Integer> contradictionsByKind, List<ThemeCount> topThemes) {
    }

    public record ThemeCount(String theme, int spikes) {
    }

    /**
     * Oversight requests submitted in the period. Override rate = REJECTED / decided by people; modification rate =
     * MODIFIED / decided by people. Relaxations: OVERSIGHT_RELAXATION requests, and those approved.
     */
    public record Oversight(int requests, Map<String, Integer> byTier, int autoApproved, int pending, int decided,
            int slaBreaches, Double overrideRate, Double modificationRate, int relaxationsProposed,
            int relaxationsApproved) {
    }

    public record Rollouts(int rollouts, Map<String, Integer> events) {
    }

    /** A derived gap or signal: what it is ({@code code}), for which system (null: overall), what it means, why. */
    public record Finding(String code, String systemKey, String message, String evidence) {
    }
}
