package io.refinery.experiments.holdout.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.experiments.analysis.results.ExperimentResults;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.experiment.domain.Experiment;
import io.refinery.experiments.experiment.domain.ExperimentJson;
import io.refinery.experiments.experiment.domain.HoldoutSides;
import io.refinery.experiments.experiment.domain.ShippedChanges;
import io.refinery.experiments.holdout.domain.Holdouts;
import io.refinery.experiments.stats.ConfidenceInterval;

/** A holdout, and when read one at a time its impact now and what shipped since it began. */
@Schema(name = "Holdout", description = "A share of a system's units kept out of every experiment and rollout started "
        + "since the holdout began; the exposed units against them measure the cumulative impact of what shipped")
public record HoldoutView(
        @Schema(example = "reco-engine-2026-q4") String key,
        @Schema(example = "reco-engine") String systemKey,
        @Schema(example = "RUNNING") String state,
        @Schema(description = "Share of the system's units kept out", example = "0.05") double share,
        MetricSpec primaryMetric,
        @Schema(example = "P91D") String maxDuration,
        @Schema(description = "Held-out units the impact needs to see the metric's minimum detectable effect")
        long requiredHeldOutUnits,
        Instant startedAt,
        @Schema(description = "Released automatically then") Instant endsAt,
        @Schema(description = "When it was released (RELEASE)") Instant releasedAt,
        String releasedBy,
        @Schema(description = "Read one at a time: the impact now; null in lists") Impact impact,
        @Schema(description = "Read one at a time: what shipped on the system since the holdout began; null in lists")
        List<ShippedChanges.Change> shipped,
        Instant createdAt,
        String createdBy) {

    /**
     * The exposed units against the held-out ones on the holdout's metric.
     *
     * @param relativeLift exposed over held out, relative; null until both sides have units
     * @param confidenceInterval on the relative lift, at 1 − alpha
     * @param advice IMPACT_POSITIVE, IMPACT_NEGATIVE, NO_IMPACT_DETECTED, KEEP_RUNNING or INCONCLUSIVE
     * @param power the power reached to see the minimum detectable effect
     */
    @Schema(name = "HoldoutImpact")
    public record Impact(long heldOutUnits, long exposedUnits, Double heldOutMean, Double exposedMean,
            Double relativeLift, ConfidenceInterval confidenceInterval, Double pValue, Double chanceToBeBetter,
            boolean better, boolean worse, String srm, @Schema(example = "IMPACT_POSITIVE") String advice,
            List<String> reasons, Double power) {
    }

    public static HoldoutView of(Experiment e, ExperimentJson json) {
        return of(e, json, null, null);
    }

    public static HoldoutView of(Holdouts.Reading r, ExperimentJson json) {
        return of(r.holdout(), json, impact(r.results()), r.shipped());
    }

    private static HoldoutView of(Experiment e, ExperimentJson json, Impact impact, List<ShippedChanges.Change> shipped) {
        double share = json.variants(e).stream().filter(VariantSpec::control).mapToDouble(VariantSpec::weight)
                .findFirst().orElse(0);
        return new HoldoutView(e.key, e.systemKey, e.state.name(), share, json.primaryMetric(e), e.maxDuration,
                e.requiredUnitsPerVariant, e.startedAt, e.endsAt, e.concludedAt, e.concludedBy, impact, shipped,
                e.createdAt, e.createdBy);
    }

    static Impact impact(ExperimentResults results) {
        HoldoutSides sides = HoldoutSides.of(results);
        ExperimentResults.Comparison c = sides.impact();
        ExperimentResults.Recommendation rec = results.recommendation();
        return new Impact(sides.heldOutUnits(), sides.exposedUnits(),
                sides.heldOut() == null ? null : sides.heldOut().mean(),
                sides.exposed() == null ? null : sides.exposed().mean(),
                c == null ? null : c.relativeLift(), c == null ? null : c.confidenceInterval(),
                c == null ? null : c.pValue(), c == null ? null : c.chanceToBeBetter(), c != null && c.better(),
                c != null && c.worse(), results.srm().status(), rec.advice(), rec.reasons(), rec.power());
    }
}
