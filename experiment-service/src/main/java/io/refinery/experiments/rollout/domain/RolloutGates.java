package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.PhaseDescriptions;
import io.refinery.experiments.rollout.machine.RolloutMachine;
import io.refinery.experiments.rollout.machine.RolloutPosition;
import io.refinery.experiments.rollout.machine.RolloutState;
import io.refinery.platform.problem.ConflictProblem;
import io.smallrye.mutiny.Uni;

/**
 * Moves a rollout and keeps oversight in the loop: every move is a history step and a lifecycle event, and a rollout
 * that waits for a person (an override, the next phase's gate, resuming a paused phase) gets a ROLLOUT_PHASE request
 * with its evidence: the phase's live metrics against its exit criteria, the system's alerts, drift and feedback, and
 * the pilot's guardrails. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class RolloutGates {

    static final String SYSTEM_ACTOR = "experiment-service";

    private final RolloutJson json;
    private final RolloutSignals signals;
    private final RolloutEvents events;
    private final ObjectMapper mapper;

    public RolloutGates(RolloutJson json, RolloutSignals signals, RolloutEvents events, ObjectMapper mapper) {
        this.json = json;
        this.signals = signals;
        this.events = events;
        this.mapper = mapper;
    }

    /** Moves {@code r} to {@code next}, records {@code step}, and asks oversight when the new state waits for a person. */
    Uni<Rollout> move(Rollout r, RolloutPosition next, String step, String actor, Map<String, Object> details) {
        Instant now = Instant.now();
        r.moveTo(next, now);
        r.updatedAt = now;
        r.updatedBy = actor;
        Uni<Rollout> recorded = record(r, step, actor, details).replaceWith(r);
        if (r.state == RolloutState.BLOCKED) {
            return recorded.call(() -> record(r, "blocked", actor, details));
        }
        return switch (r.state) {
            case AWAITING_OVERRIDE -> recorded.call(() -> ask(r, Rollout.Step.OVERRIDE, -1));
            case AWAITING_GATE -> recorded.call(() -> ask(r, Rollout.Step.GATE, r.requestedPhase));
            case PAUSED -> recorded.call(() -> ask(r, Rollout.Step.RESUME, r.phase));
            default -> recorded;
        };
    }

    Uni<Rollout> advance(Rollout r, String actor) {
        List<Phase> phases = json.phases(r);
        if (r.state != RolloutState.RUNNING) {
            throw new ConflictProblem("state", "cannot advance: the rollout is " + r.state + ", not RUNNING");
        }
        Phase current = phases.get(r.phase);
        boolean minDurationOver = !Instant.now().isBefore(r.phaseStartedAt.plus(current.minDuration()));
        return exitStatus(r, current).flatMap(status -> {
            boolean met = status.stream().allMatch(s -> Boolean.TRUE.equals(s.get("met")));
            RolloutPosition next;
            try {
                next = RolloutMachine.advance(r.position(), phases.size(), met, minDurationOver);
            } catch (RolloutMachine.IllegalTransition e) {
                throw new ConflictProblem("phase", e.getMessage() + " (" + status + ")");
            }
            String step = next.state() == RolloutState.COMPLETED ? "completed" : "advance-asked";
            return move(r, next, step, actor, Map.of("exitCriteria", status));
        });
    }

    Uni<Rollout> decided(Rollout r, boolean approved, String decidedBy, String rationale) {
        Rollout.Step step = r.pendingStep;
        int phaseBefore = r.phase;
        int requested = r.requestedPhase;
        r.pendingRequestId = null;
        r.pendingStep = null;
        RolloutPosition next = switch (step) {
            case OVERRIDE -> RolloutMachine.overrideDecided(r.position(), approved);
            case GATE -> RolloutMachine.gateDecided(r.position(), approved);
            case RESUME -> RolloutMachine.resumeDecided(r.position(), approved);
        };
        String name;
        if (next.state() == RolloutState.ROLLED_BACK) {
            name = "rolled-back";
        } else {
            name = switch (step) {
                case OVERRIDE -> "override-approved";
                case GATE -> approved ? "phase-approved" : "phase-rejected";
                case RESUME -> approved ? "resumed" : "phase-rejected";
            };
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decidedBy", decidedBy);
        details.put("rationale", rationale == null ? "" : rationale);
        details.put("approved", approved);
        details.put("phaseBefore", phaseBefore);
        details.put("requestedPhase", requested);
        return move(r, next, name, decidedBy, details);
    }

    /** Pauses {@code r} when it serves a phase (dropping a pending gate); false when the incident changes nothing. */
    Uni<Boolean> pause(Rollout r, String reason, String source) {
        RolloutPosition next = RolloutMachine.incident(r.position());
        if (next.equals(r.position())) {
            return Uni.createFrom().item(false);
        }
        r.pendingRequestId = null;
        r.pendingStep = null;
        r.pauseReason = reason;
        return move(r, next, "paused", SYSTEM_ACTOR, Map.of("reason", reason, "source", source)).replaceWith(true);
    }

    /** The pilot's MODEL_ROLLOUT was rejected ({@link RolloutMachine#pilotRejected}); false when nothing changes. */
    Uni<Boolean> pilotRejected(Rollout r, String reason, String source) {
        RolloutPosition next = RolloutMachine.pilotRejected(r.position());
        if (next.equals(r.position())) {
            return Uni.createFrom().item(false);
        }
        r.pendingRequestId = null;
        r.pendingStep = null;
        r.pauseReason = reason;
        String step = next.state() == RolloutState.ROLLED_BACK ? "rolled-back" : "paused";
        return move(r, next, step, SYSTEM_ACTOR, Map.of("reason", reason, "source", source)).replaceWith(true);
    }

    /** The exit criteria of {@code phase} against its live metrics since it started. */
    Uni<List<Map<String, Object>>> exitStatus(Rollout r, Phase phase) {
        List<ExitCriterion> criteria = phase.exitCriteria();
        if (criteria.isEmpty() || r.phaseStartedAt == null) {
            return Uni.createFrom().item(List.of());
        }
        return signals.live(r.systemKey, criteria.stream().map(ExitCriterion::metric).distinct().toList(),
                r.phaseStartedAt, phase.scope().segments()).map(live -> {
                    List<Map<String, Object>> status = new ArrayList<>();
                    for (ExitCriterion c : criteria) {
                        RolloutSignals.LiveMetric m = live.get(c.metric());
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("metric", c.metric());
                        s.put("comparison", c.comparison().name());
                        s.put("value", c.value());
                        s.put("observed", m.value());
                        s.put("days", m.days());
                        s.put("met", c.met(m.value()));
                        status.add(s);
                    }
                    return status;
                });
    }

    private Uni<Void> ask(Rollout r, Rollout.Step step, int phaseIndex) {
        UUID requestId = UUID.randomUUID();
        r.pendingRequestId = requestId;
        r.pendingStep = step;
        List<Phase> phases = json.phases(r);
        Phase asked = phaseIndex >= 0 ? phases.get(phaseIndex) : phases.get(0);
        Phase serving = r.phase >= 0 ? phases.get(r.phase) : null;
        String summary = switch (step) {
            case OVERRIDE -> PhaseDescriptions.overrideSummary(r.variant, r.systemKey, r.overrideReason);
            case GATE -> PhaseDescriptions.gateSummary(r.key, phaseIndex, asked);
            case RESUME -> PhaseDescriptions.resumeSummary(r.key, phaseIndex, asked, r.pauseReason);
        };
        String stepName = switch (step) {
            case OVERRIDE -> "override-requested";
            case GATE -> "gate-requested";
            case RESUME -> "resume-requested";
        };
        Uni<List<Map<String, Object>>> exit = serving == null ? Uni.createFrom().item(List.of()) : exitStatus(r, serving);
        return Uni.combine().all().unis(exit, signals.health(r.systemKey, Instant.now())).asTuple().flatMap(t -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("rolloutKey", r.key);
            payload.put("step", step.name());
            payload.put("variant", r.variant);
            payload.put("experimentKey", r.experimentKey);
            payload.put("phaseIndex", phaseIndex);
            payload.put("phase", PhaseDescriptions.view(asked));
            payload.put("servingPhase", serving == null ? null : PhaseDescriptions.view(serving));
            payload.put("exitCriteria", t.getItem1());
            RolloutSignals.Health h = t.getItem2();
            payload.put("firingAlerts", h.firingAlerts());
            payload.put("driftDetections30d", h.drift30d());
            payload.put("feedback", Map.of("contradictions30d", h.contradictions30d(), "spikingThemes30d",
                    h.spikingThemes30d()));
            payload.put("pauseReason", r.pauseReason);
            return pilotGuardrails(r).flatMap(guardrails -> {
                payload.put("pilotGuardrails", guardrails);
                return events.stepped(r, stepName, phaseIndex, asked.name(), summary, Map.of("requestId", requestId.toString()))
                        .call(announced -> record(r, stepName, SYSTEM_ACTOR, Map.of("requestId", requestId.toString(),
                                "summary", summary)))
                        .flatMap(announced -> events.request(r, requestId, summary, payload,
                                asked.trafficPercent() / 100.0, announced));
            });
        });
    }

    private Uni<Object> pilotGuardrails(Rollout r) {
        if (r.experimentKey == null) {
            return Uni.createFrom().item(List.of());
        }
        return Experiment.<Experiment> find("key", r.experimentKey).firstResult().map(e -> {
            if (e == null || e.lastEvaluation == null) {
                return List.of();
            }
            try {
                return mapper.treeToValue(mapper.readTree(e.lastEvaluation).path("guardrails"), Object.class);
            } catch (Exception ex) {
                return List.of();
            }
        });
    }

    /** One history step, and its lifecycle event for the steps that are moves (asks announce themselves). */
    private Uni<Void> record(Rollout r, String step, String actor, Map<String, Object> details) {
        RolloutStep s = new RolloutStep();
        s.id = UUID.randomUUID();
        s.rolloutId = r.id;
        s.at = Instant.now();
        s.step = step;
        s.phase = r.phase;
        s.actor = actor;
        s.details = json.write(details);
        Uni<Void> saved = s.persist().replaceWithVoid();
        if (step.endsWith("-requested")) {
            return saved;
        }
        List<Phase> phases = json.phases(r);
        String phaseName = r.phase >= 0 ? phases.get(r.phase).name() : null;
        Object reason = details.get("reason");
        return saved.call(() -> events.stepped(r, step, r.phase >= 0 ? r.phase : null, phaseName,
                reason == null ? null : reason.toString(), details)).replaceWithVoid();
    }
}
