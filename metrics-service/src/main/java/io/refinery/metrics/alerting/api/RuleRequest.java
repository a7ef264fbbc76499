package io.refinery.metrics.alerting.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.alerting.domain.Rule;
import io.refinery.metrics.alerting.domain.RuleDraft;
import io.refinery.metrics.rollup.domain.Step;
import io.refinery.metrics.alerting.evaluation.BaselineStatistic;
import io.refinery.metrics.alerting.evaluation.Comparison;

/** Body of {@code POST /api/v1/rules} and {@code PUT /api/v1/rules/{id}}. */
@Schema(name = "RuleRequest", description = "A threshold rule, e.g. CTR below baseline for 5 consecutive days")
public record RuleRequest(
        @Schema(example = "reco-engine") @NotBlank @Size(max = 64) String systemKey,
        @Schema(example = "ctr") @NotBlank @Size(max = 100) String metric,
        @Schema(description = "OBSERVED (default): the metric's observations. ESTIMATED: the system's performance"
                + " estimator's daily value (accuracy, precision, recall, specificity, f1 or roc_auc), estimated before"
                + " the labels arrive and realized after; period P1D", example = "OBSERVED") Rule.Source source,
        @Schema(example = "BELOW") @NotNull Comparison comparison,
        @NotNull @Valid BaselineBody baseline,
        @NotNull @Valid ToleranceBody tolerance,
        @Schema(example = "P1D") @NotNull Step period,
        @Schema(example = "5") @NotNull Integer consecutivePeriods,
        @Schema(description = "Periods with fewer samples (Σdenominator for rates, else observations) neither count nor reset",
                example = "100") Long minSamplesPerPeriod,
        @Schema(example = "WARNING") @NotNull Rule.Severity severity,
        @Schema(description = "Only this segment (dimensions.segment); default all", example = "new-customers")
        @Size(max = 200) String segment) {

    @Schema(name = "Baseline", description = "{type: FIXED, value} or {type: TRAILING, window, statistic}")
    public record BaselineBody(
            @Schema(example = "TRAILING") @NotNull Rule.BaselineType type,
            @Schema(example = "0.03") Double value,
            @Schema(description = "ISO-8601 duration, whole periods", example = "P28D") String window,
            @Schema(example = "MEDIAN") BaselineStatistic statistic) {
    }

    @Schema(name = "Tolerance", description = "Exactly one of relative (fraction of the baseline) or absolute")
    public record ToleranceBody(@Schema(example = "0.10") Double relative, @Schema(example = "0.002") Double absolute) {
    }

    public RuleDraft toDraft() {
        return new RuleDraft(systemKey, metric, source == null ? Rule.Source.OBSERVED : source, segment == null || segment.isBlank() ? "" : segment, comparison,
                baseline.type(), baseline.value(), baseline.window(), baseline.statistic(), tolerance.relative(),
                tolerance.absolute(), period, consecutivePeriods, minSamplesPerPeriod == null ? 1 : minSamplesPerPeriod,
                severity);
    }
}
