package io.refinery.metrics.alerting.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.alerting.domain.EvaluationOutcome;
import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.refinery.metrics.alerting.evaluation.RuleState;
import io.refinery.metrics.alerting.evaluation.Transition;

@Schema(name = "Evaluation", description = "A rule judged over its closed periods, and what happened to its alert")
public record EvaluationResponse(UUID ruleId, Instant evaluatedAt, RuleState state, int consecutiveBreaches,
        Transition transition, AlertResponse alert, List<PeriodVerdict> periods) {

    public static EvaluationResponse of(EvaluationOutcome o, ObjectMapper mapper) {
        return new EvaluationResponse(o.ruleId(), o.evaluatedAt(), o.state(), o.consecutiveBreaches(), o.transition(),
                o.alert() == null ? null : AlertResponse.of(o.alert(), mapper), o.periods());
    }
}
