package io.refinery.metrics.alerting.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.alerting.domain.Rule;
import io.refinery.metrics.rollup.domain.Step;
import io.refinery.metrics.alerting.evaluation.Comparison;

@Schema(name = "Rule")
public record RuleResponse(UUID id, String systemKey, String metric, Rule.Source source, String segment, Comparison comparison,
        RuleRequest.BaselineBody baseline, RuleRequest.ToleranceBody tolerance, Step period, int consecutivePeriods,
        long minSamplesPerPeriod, Rule.Severity severity, Precision precision, Instant nextEvaluationAt,
        Instant lastEvaluatedAt, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    @Schema(name = "AlertPrecision", description = "From reviewers' decisions on this rule's alerts: APPROVE/MODIFY = real, REJECT = false alarm")
    public record Precision(@Schema(example = "9") int confirmed, @Schema(example = "1") int falseAlarms,
            @Schema(description = "confirmed / (confirmed + falseAlarms); null before any review", example = "0.9") Double precision) {
    }

    public static RuleResponse of(Rule r) {
        return new RuleResponse(r.id, r.systemKey, r.metric, r.source, r.segment.isEmpty() ? null : r.segment, r.comparison,
                new RuleRequest.BaselineBody(r.baselineType, r.baselineValue, r.baselineWindow, r.baselineStatistic),
                new RuleRequest.ToleranceBody(r.toleranceRelative, r.toleranceAbsolute), r.period, r.consecutivePeriods,
                r.minSamplesPerPeriod, r.severity, new Precision(r.alarmsConfirmed, r.alarmsFalse, r.precision()),
                r.nextEvaluationAt, r.lastEvaluatedAt, r.createdAt, r.createdBy, r.updatedAt, r.updatedBy);
    }
}
