package io.refinery.metrics.alerting.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An alert raised by a rule, with a lifecycle like Prometheus': PENDING while breaching for fewer than N periods,
 * FIRING at N, ACKNOWLEDGED once a reviewer's decision arrives, RESOLVED when a period is back within tolerance.
 * A pending alert whose streak ends is CANCELLED.
 */
@Entity
@Table(name = "alerts")
public class Alert extends PanacheEntityBase {

    public enum State { PENDING, FIRING, ACKNOWLEDGED, RESOLVED, CANCELLED }

    @Id
    public UUID id;
    @Column(name = "rule_id", nullable = false)
    public UUID ruleId;
    @Column(name = "system_key", nullable = false)
    public String systemKey;
    @Column(nullable = false)
    public String metric;
    @Column(nullable = false)
    public String segment;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Rule.Severity severity;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;
    @Column(name = "consecutive_breaches", nullable = false)
    public int consecutiveBreaches;
    /** JSON: the periods judged (value, samples, baseline, threshold, verdict) and a note on skipped periods. */
    @Column(nullable = false, columnDefinition = "text")
    public String evidence;
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column
    public String decision;
    @Column(name = "oversight_request_id")
    public UUID oversightRequestId;
    /** OBSERVED, or for a rule on estimated metrics ESTIMATED (a breaching day was an estimate) or REALIZED. */
    @Column(name = "value_source", nullable = false)
    public String valueSource;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isOpen() {
        return state == State.PENDING || state == State.FIRING || state == State.ACKNOWLEDGED;
    }
}
