package io.refinery.metrics.alerting.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.refinery.metrics.alerting.evaluation.PeriodVerdict;
import io.refinery.metrics.alerting.evaluation.RuleState;
import io.refinery.metrics.alerting.evaluation.Transition;

/** The result of evaluating one rule: the verdict per closed period, the state and what happened to its alert. */
public record EvaluationOutcome(UUID ruleId, Instant evaluatedAt, RuleState state, int consecutiveBreaches,
        Transition transition, Alert alert, List<PeriodVerdict> periods) {
}
