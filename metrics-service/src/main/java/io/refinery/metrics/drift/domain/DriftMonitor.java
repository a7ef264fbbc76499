package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.refinery.platform.entity.AuditedEntity;
import io.refinery.metrics.drift.evaluation.MonitorWindows;
import io.refinery.metrics.drift.stats.DriftMethod;

/**
 * A data-drift monitor: some features of one AI system, compared day by day (UTC) between a current window and a
 * reference window. The reference is fixed ({@code referenceFrom}..{@code referenceTo}) or trailing: the
 * {@code referenceTrailingDays} that end {@code referenceLagDays} before the current window starts.
 */
@Entity
@Table(name = "drift_monitors")
public class DriftMonitor extends AuditedEntity {

    @Id
    public UUID id;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Column(nullable = false)
    public String name;
    /** JSON list of {@link MonitorFeature}. */
    @Column(nullable = false, columnDefinition = "text")
    public String features;
    @Column(name = "reference_from")
    public Instant referenceFrom;
    @Column(name = "reference_to")
    public Instant referenceTo;
    @Column(name = "reference_trailing_days")
    public Integer referenceTrailingDays;
    @Column(name = "reference_lag_days")
    public Integer referenceLagDays;
    @Column(name = "current_days", nullable = false)
    public int currentDays;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DriftMethod method;
    @Column(name = "dataset_drift_share", nullable = false)
    public double datasetDriftShare;
    /** Whether each run also checks the joint rows of the numerical features (reconstruction, domain classifier). */
    @Column(nullable = false)
    public boolean multivariate;
    @Column(name = "next_evaluation_at", nullable = false)
    public Instant nextEvaluationAt;
    @Column(name = "last_evaluated_at")
    public Instant lastEvaluatedAt;
    /** Consecutive failed scheduled evaluations; 0 after a success. */
    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;
    /** The last failure's message, cleared by a success. */
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_failed_at")
    public Instant lastFailedAt;
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The windows as of {@code at}: the current window is the {@code currentDays} UTC days closed by then. */
    public MonitorWindows windows(Instant at) {
        return referenceFrom != null ? MonitorWindows.fixed(at, currentDays, referenceFrom, referenceTo)
                : MonitorWindows.trailing(at, currentDays, referenceTrailingDays, referenceLagDays);
    }
}
