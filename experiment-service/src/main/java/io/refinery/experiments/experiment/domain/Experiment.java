package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.refinery.platform.entity.AuditedEntity;
import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.stats.MultipleTestingCorrection;

/**
 * An experiment on one AI system. The design's structured parts (variants, primary metric, guardrails, warnings)
 * are JSON documents read and written whole through {@link ExperimentJson}; the rest are plain columns.
 */
@Entity
@Table(name = "experiments")
public class Experiment extends AuditedEntity {

    @Id
    public UUID id;
    @Column(nullable = false, unique = true)
    public String key;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExperimentInput.Kind kind;
    @Column(nullable = false)
    public String hypothesis;
    @Enumerated(EnumType.STRING)
    @Column(name = "unit_type", nullable = false)
    public ExperimentInput.UnitType unitType;
    @Column(name = "traffic_fraction", nullable = false)
    public double trafficFraction;
    @Column(nullable = false, columnDefinition = "text")
    public String variants;
    @Column(name = "primary_metric", nullable = false, columnDefinition = "text")
    public String primaryMetric;
    @Column(nullable = false, columnDefinition = "text")
    public String guardrails;
    @Column(nullable = false)
    public double alpha;
    @Column(nullable = false)
    public double power;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AnalysisMethod analysis;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MultipleTestingCorrection correction;
    @Column(name = "max_duration", nullable = false)
    public String maxDuration;
    @Column(name = "expected_daily_units")
    public Double expectedDailyUnits;
    @Column(name = "required_units_per_variant", nullable = false)
    public long requiredUnitsPerVariant;
    @Column(name = "required_days")
    public Long requiredDays;
    @Column(nullable = false, columnDefinition = "text")
    public String warnings;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExperimentState state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "stop_trigger")
    public Trigger stopTrigger;
    @Column(name = "stop_reason")
    public String stopReason;
    @Column(name = "concluded_at")
    public Instant concludedAt;
    @Column(name = "concluded_by")
    public String concludedBy;
    /** SHIP:&lt;variant&gt;, KEEP_CONTROL or INCONCLUSIVE once concluded. */
    public String decision;
    @Column(name = "decision_rationale")
    public String decisionRationale;
    @Column(name = "next_check_at")
    public Instant nextCheckAt;
    @Column(name = "overdue_at")
    public Instant overdueAt;
    @Column(name = "sequential_state", columnDefinition = "text")
    public String sequentialState;
    @Column(name = "last_evaluation", columnDefinition = "text")
    public String lastEvaluation;
    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;
    @Column(name = "rollout_request_id")
    public UUID rolloutRequestId;
    @Column(name = "rollout_decision")
    public String rolloutDecision;
    @Column(name = "rollout_decided_by")
    public String rolloutDecidedBy;
    @Column(name = "rollout_decided_at")
    public Instant rolloutDecidedAt;
    /** A bandit's settings ({@code BanditSpec} as JSON); null for fixed weights. */
    @Column(columnDefinition = "text")
    public String bandit;
    /**
     * When {@link InteractionChecks} last tested this experiment for interactions with others of its system. Written
     * only by that job's own statements (never by an entity flush, which could put back a value read earlier).
     */
    @Column(name = "interactions_checked_at", insertable = false, updatable = false)
    public Instant interactionsCheckedAt;
    /** What that check flagged ({@code ExperimentInteractions.Flag}s as JSON); written like the instant above. */
    @Column(name = "interaction_flags", columnDefinition = "text", insertable = false, updatable = false)
    public String interactionFlags;
    /** A running holdout's last published daily reading. */
    @Column(name = "holdout_measured_at")
    public Instant holdoutMeasuredAt;
}
