package io.refinery.experiments.holdout.domain;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.domain.ExperimentInput;

/**
 * A holdout as a caller describes it, the body of {@code POST /api/v1/holdouts}; every field but the key, the system,
 * the metric and the max duration has a default.
 *
 * @param share the share of the system's units kept out, in (0, 0.5]; 0.05 by default
 * @param primaryMetric what the cumulative impact is measured on, with the smallest impact worth seeing
 *     ({@code minimumDetectableEffect}), as for an experiment
 * @param maxDuration how long the holdout lasts (ISO-8601 days or weeks, e.g. P91D for a quarter)
 * @param expectedDailyUnits the system's eligible units a day, to check that the held-out share reaches its sample
 * @param hypothesis optional; a default names the system
 */
public record HoldoutInput(String key, String systemKey, Double share, ExperimentInput.MetricInput primaryMetric,
        String maxDuration, Double expectedDailyUnits, ExperimentInput.UnitType unitType, AnalysisMethod analysis,
        Double alpha, Double power, String hypothesis) {
}
