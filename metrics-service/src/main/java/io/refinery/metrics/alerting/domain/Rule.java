package io.refinery.metrics.alerting.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.refinery.platform.entity.AuditedEntity;
import io.refinery.metrics.alerting.evaluation.Baseline;
import io.refinery.metrics.alerting.evaluation.BaselineStatistic;
import io.refinery.metrics.alerting.evaluation.Comparison;
import io.refinery.metrics.alerting.evaluation.RuleSpec;
import io.refinery.metrics.alerting.evaluation.Tolerance;
import io.refinery.metrics.rollup.domain.Step;

/** A threshold rule on one metric of one AI system, evaluated whenever one of its periods closes. */
@Entity
@Table(name = "rules")
public class Rule extends AuditedEntity {

    public enum Severity { WARNING, CRITICAL }

    public enum BaselineType { FIXED, TRAILING }

    /**
     * Where the rule's values come from: metric observations, or the system's performance estimator (per day the CBPE
     * estimate, replaced by the realized value once the labels are in).
     */
    public enum Source { OBSERVED, ESTIMATED }

    @Id
    public UUID id;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Column(nullable = false)
    public String metric;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;
    /** '' = all segments. */
    @Column(nullable = false)
    public String segment;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Comparison comparison;
    @Enumerated(EnumType.STRING)
    @Column(name = "baseline_type", nullable = false)
    public BaselineType baselineType;
    @Column(name = "baseline_value")
    public Double baselineValue;
    /** ISO-8601 duration of a trailing window, a whole number of periods. */
    @Column(name = "baseline_window")
    public String baselineWindow;
    @Enumerated(EnumType.STRING)
    @Column(name = "baseline_statistic")
    public BaselineStatistic baselineStatistic;
    @Column(name = "tolerance_relative")
    public Double toleranceRelative;
    @Column(name = "tolerance_absolute")
    public Double toleranceAbsolute;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Step period;
    @Column(name = "consecutive_periods", nullable = false)
    public int consecutivePeriods;
    @Column(name = "min_samples_per_period", nullable = false)
    public long minSamplesPerPeriod;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;
    /** Alerts a reviewer confirmed (APPROVE/MODIFY on the ALERT_REVIEW). */
    @Column(name = "alarms_confirmed", nullable = false)
    public int alarmsConfirmed;
    /** Alerts a reviewer called false alarms (REJECT on the ALERT_REVIEW). */
    @Column(name = "alarms_false", nullable = false)
    public int alarmsFalse;
    @Column(name = "next_evaluation_at", nullable = false)
    public Instant nextEvaluationAt;
    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** How many periods the trailing window spans (0 for a fixed baseline). */
    public int windowPeriods() {
        return baselineType == BaselineType.TRAILING
                ? (int) Duration.parse(baselineWindow).dividedBy(period.length())
                : 0;
    }

    public RuleSpec toSpec() {
        Baseline baseline = baselineType == BaselineType.FIXED
                ? new Baseline.Fixed(baselineValue)
                : new Baseline.Trailing(windowPeriods(), baselineStatistic);
        Tolerance tolerance = toleranceRelative != null
                ? new Tolerance.Relative(toleranceRelative)
                : new Tolerance.Absolute(toleranceAbsolute);
        return new RuleSpec(comparison, baseline, tolerance, consecutivePeriods, minSamplesPerPeriod);
    }

    /** Share of reviewed alerts that were real, or null before any review. */
    public Double precision() {
        int reviewed = alarmsConfirmed + alarmsFalse;
        return reviewed == 0 ? null : (double) alarmsConfirmed / reviewed;
    }
}
