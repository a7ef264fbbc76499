package io.refinery.experiments.experiment.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentJson;

@Schema(name = "Experiment", description = "An experiment with its computed sample size and lifecycle")
public record ExperimentView(
        UUID id,
        @Schema(example = "reco-ranker-v7") String key,
        @Schema(example = "reco-engine") String systemKey,
        @Schema(example = "MODEL_VARIANT") String kind,
        String hypothesis,
        @Schema(example = "USER") String unitType,
        List<VariantSpec> variants,
        @Schema(example = "1.0") double trafficFraction,
        MetricSpec primaryMetric,
        List<GuardrailSpec> guardrails,
        @Schema(description = "A multi-armed bandit's settings; null for fixed weights "
                + "(GET /api/v1/experiments/{key}/bandit shows its weights)") BanditSpec bandit,
        @Schema(example = "0.05") double alpha,
        @Schema(example = "0.8") double power,
        @Schema(example = "FREQUENTIST") String analysis,
        @Schema(example = "HOLM") String correction,
        @Schema(example = "P28D") String maxDuration,
        Double expectedDailyUnits,
        @Schema(description = "Units each variant needs to detect the minimum detectable effect", example = "31234")
        long requiredUnitsPerVariant,
        @Schema(description = "Days needed at expectedDailyUnits (null without it)") Long requiredDays,
        List<String> warnings,
        @Schema(example = "RUNNING") String state,
        Instant startedAt,
        @Schema(description = "startedAt + maxDuration: evaluated, stopped and concluded automatically then")
        Instant endsAt,
        Instant stoppedAt,
        @Schema(example = "SAMPLE_REACHED") String stopTrigger,
        String stopReason,
        Instant concludedAt,
        String concludedBy,
        @Schema(example = "SHIP:treatment") String decision,
        String decisionRationale,
        @Schema(description = "When the overdue event was sent (STOPPED and not concluded in time)") Instant overdueAt,
        Rollout rollout,
        Instant lastEvaluatedAt,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    @Schema(name = "RolloutDecision", description = "The MODEL_ROLLOUT oversight request of a SHIP conclusion")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rollout(UUID requestId, @Schema(example = "APPROVE") String decision, String decidedBy,
            Instant decidedAt) {
    }

    public static ExperimentView of(Experiment e, ExperimentJson json) {
        Rollout rollout = e.rolloutRequestId == null ? null
                : new Rollout(e.rolloutRequestId, e.rolloutDecision, e.rolloutDecidedBy, e.rolloutDecidedAt);
        return new ExperimentView(e.id, e.key, e.systemKey, e.kind.name(), e.hypothesis, e.unitType.name(),
                json.variants(e), e.trafficFraction, json.primaryMetric(e), json.guardrails(e), json.bandit(e), e.alpha, e.power,
                e.analysis.name(), e.correction.name(), e.maxDuration, e.expectedDailyUnits, e.requiredUnitsPerVariant,
                e.requiredDays, json.warnings(e), e.state.name(), e.startedAt, e.endsAt, e.stoppedAt,
                e.stopTrigger == null ? null : e.stopTrigger.name(), e.stopReason, e.concludedAt, e.concludedBy,
                e.decision, e.decisionRationale, e.overdueAt, rollout, e.lastEvaluatedAt, e.createdAt, e.createdBy, e.updatedAt,
                e.updatedBy);
    }
}
