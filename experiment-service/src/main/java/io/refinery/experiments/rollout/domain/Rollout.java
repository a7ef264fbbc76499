package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.refinery.platform.entity.AuditedEntity;
import io.refinery.experiments.rollout.machine.RolloutPosition;
import io.refinery.experiments.rollout.machine.RolloutState;

/**
 * A phased rollout of one variant on one AI system, usually the winner of a pilot experiment. Its phases and readiness
 * are JSON documents ({@link RolloutJson}); its position moves only through {@code RolloutMachine}.
 */
@Entity
@Table(name = "rollouts")
public class Rollout extends AuditedEntity {

    /** What a pending oversight request is about. */
    public enum Step { OVERRIDE, GATE, RESUME }

    @Id
    public UUID id;
    @Column(nullable = false, unique = true, updatable = false)
    public String key;
    @Column(name = "system_key", nullable = false, updatable = false)
    public String systemKey;
    @Column(name = "experiment_key", updatable = false)
    public String experimentKey;
    @Column(nullable = false, updatable = false)
    public String variant;
    @Column(nullable = false, columnDefinition = "text", updatable = false)
    public String phases;
    @Column(nullable = false, columnDefinition = "text")
    public String readiness;
    @Column(name = "minimum_score", nullable = false)
    public int minimumScore;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RolloutState state;
    @Column(nullable = false)
    public int phase;
    @Column(name = "requested_phase", nullable = false)
    public int requestedPhase;
    @Column(name = "pending_request_id")
    public UUID pendingRequestId;
    @Enumerated(EnumType.STRING)
    @Column(name = "pending_step")
    public Step pendingStep;
    @Column(name = "phase_started_at")
    public Instant phaseStartedAt;
    @Column(name = "pause_reason")
    public String pauseReason;
    @Column(name = "override_reason", updatable = false)
    public String overrideReason;

    public RolloutPosition position() {
        return new RolloutPosition(state, phase, requestedPhase);
    }

    /** Moves to {@code next}; a new served phase restarts the phase clock. */
    public void moveTo(RolloutPosition next, Instant at) {
        if (next.phase() != phase && next.phase() >= 0) {
            phaseStartedAt = at;
        }
        if (next.phase() < 0) {
            phaseStartedAt = null;
        }
        state = next.state();
        phase = next.phase();
        requestedPhase = next.requestedPhase();
        if (state != RolloutState.PAUSED) {
            pauseReason = null;
        }
    }
}
