package io.refinery.experiments.rollout.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.rollout.domain.Rollout;
import io.refinery.experiments.rollout.domain.RolloutJson;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.experiments.rollout.domain.RolloutStep;
import io.refinery.experiments.rollout.machine.DimensionAssessment;
import io.refinery.experiments.rollout.machine.ExitCriterion;
import io.refinery.experiments.rollout.machine.Phase;
import io.refinery.experiments.rollout.machine.PhaseScope;
import io.refinery.experiments.rollout.machine.ReadinessDimension;
import io.refinery.experiments.rollout.machine.ReadinessGate;
import io.refinery.experiments.rollout.machine.RolloutState;

@Schema(name = "Rollout", description = "A phased rollout: its gates, phase timeline, decisions and live metrics")
public record RolloutView(String key, String systemKey, String experimentKey, String variant, RolloutState state,
        @Schema(description = "Index of the phase served, -1 before the first approval") int currentPhase,
        @Schema(description = "The phase a pending gate asks for, -1 when none") int requestedPhase,
        PendingRequest pendingRequest, String pauseReason, String overrideReason, Readiness readiness,
        List<PhaseView> phases, List<StepView> history, Instant createdAt, String createdBy, Instant updatedAt) {

    public record PendingRequest(UUID id, Rollout.Step step) {
    }

    public record Readiness(int minimumScore, boolean passed, List<ReadinessGate.Blocker> blockers,
            List<DimensionView> dimensions) {
    }

    @Schema(name = "ReadinessDimensionView", description = "origin: MEASURED (pre-filled, unconfirmed), CONFIRMED, "
            + "CORRECTED (a person changed the measured score), DECLARED (not measurable), MISSING")
    public record DimensionView(String dimension, List<String> questions, Integer score, Integer measuredScore,
            String measuredEvidence, DimensionAssessment.Origin origin, Integer effectiveScore, String evidence,
            Map<String, String> answers) {
    }

    @Schema(name = "RolloutPhaseView", description = "status: DONE, CURRENT, REQUESTED or PLANNED; liveMetrics: for the "
            + "current phase each exit criterion against the metric's value over the days closed since it started, for "
            + "a finished phase the same numbers as they stood when the next phase was asked for")
    public record PhaseView(int index, String name, PhaseScope scope, double trafficPercent, String minDuration,
            List<ExitCriterion> exitCriteria, String status, Instant startedAt, List<Map<String, Object>> liveMetrics) {
    }

    public record StepView(Instant at, String step, int phase, String actor, JsonNode details) {
    }

    public static RolloutView of(RolloutService.Details d, RolloutJson json, ObjectMapper mapper, boolean requireConfirmation) {
        Rollout r = d.rollout();
        Map<ReadinessDimension, DimensionAssessment> assessed = json.readiness(r);
        List<DimensionView> dimensions = new ArrayList<>();
        for (ReadinessDimension dim : ReadinessDimension.values()) {
            DimensionAssessment a = assessed.getOrDefault(dim, new DimensionAssessment(null, null, Map.of(), null, null));
            dimensions.add(new DimensionView(dim.field(), dim.questions(), a.score(), a.measuredScore(),
                    a.measuredEvidence(), a.origin(), a.effectiveScore(), a.evidence(), a.answers()));
        }
        List<ReadinessGate.Blocker> blockers = ReadinessGate.blockers(assessed, r.minimumScore, requireConfirmation);
        List<Phase> phases = json.phases(r);
        // A finished phase shows the numbers it was judged on when the next one was asked for.
        Map<Integer, List<Map<String, Object>>> judged = new java.util.HashMap<>();
        for (RolloutStep s : d.history()) {
            if ("advance-asked".equals(s.step) || "completed".equals(s.step)) {
                try {
                    judged.put(s.phase, mapper.convertValue(mapper.readTree(s.details).path("exitCriteria"),
                            new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {
                            }));
                } catch (Exception e) {
                    judged.remove(s.phase);
                }
            }
        }
        List<PhaseView> phaseViews = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase p = phases.get(i);
            boolean current = i == r.phase && r.state != RolloutState.ROLLED_BACK;
            String status = current ? "CURRENT" : i < r.phase ? "DONE" : i == r.requestedPhase ? "REQUESTED" : "PLANNED";
            phaseViews.add(new PhaseView(i, p.name(), p.scope(), p.trafficPercent(), p.minDuration().toString(),
                    p.exitCriteria(), status, current ? r.phaseStartedAt : null,
                    current ? d.exitStatus() : judged.get(i)));
        }
        List<StepView> history = new ArrayList<>();
        for (RolloutStep s : d.history()) {
            JsonNode details;
            try {
                details = mapper.readTree(s.details);
            } catch (Exception e) {
                details = mapper.getNodeFactory().textNode(s.details);
            }
            history.add(new StepView(s.at, s.step, s.phase, s.actor, details));
        }
        return new RolloutView(r.key, r.systemKey, r.experimentKey, r.variant, r.state, r.phase, r.requestedPhase,
                r.pendingRequestId == null ? null : new PendingRequest(r.pendingRequestId, r.pendingStep), r.pauseReason,
                r.overrideReason, new Readiness(r.minimumScore, blockers.isEmpty(), blockers, dimensions), phaseViews,
                history, r.createdAt, r.createdBy, r.updatedAt);
    }
}
