package io.refinery.metrics.drift.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A detected drift (DATA from a monitor's run, CONCEPT from a system's error detector) with its recommended
 * remediation, and, once a reviewer has decided its DRIFT_REMEDIATION request, that decision and the remediation
 * chosen. Rows are written by {@link DriftDetections} (JDBC, inside the evaluation's transaction).
 */
@Entity
@Table(name = "drift_detections")
public class DriftDetection extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "system_key", nullable = false, updatable = false)
    public String systemKey;
    @Column(nullable = false, updatable = false)
    public String kind;
    @Column(name = "monitor_id", updatable = false)
    public UUID monitorId;
    @Column(name = "run_id", updatable = false)
    public UUID runId;
    @Column(name = "detected_at", nullable = false, updatable = false)
    public Instant detectedAt;
    /** The recommended remediation ({@code RemediationAction} name). */
    @Column(nullable = false, updatable = false)
    public String action;
    /** JSON list of the rule's reasons. */
    @Column(nullable = false, updatable = false, columnDefinition = "text")
    public String reasons;
    @Column(updatable = false)
    public Double magnitude;
    @Column(name = "event_id", nullable = false, updatable = false)
    public UUID eventId;
    @Column(name = "oversight_request_id", nullable = false, updatable = false)
    public UUID oversightRequestId;
    /** APPROVE, REJECT or MODIFY; null while the request is undecided. */
    public String decision;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** The remediation the reviewer chose: the recommended one, another named by a MODIFY, or null on REJECT. */
    @Column(name = "chosen_action")
    public String chosenAction;
    @Column(columnDefinition = "text")
    public String rationale;
}
