package io.refinery.experiments.experiment.domain;

import java.util.List;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.DesignKind;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MultipleTestingCorrection;

/**
 * An experiment as a caller describes it, every field still optional: {@link ExperimentPlan#of} checks it and
 * names each field it cannot accept. Also the body of {@code POST /api/v1/experiments}.
 */
public record ExperimentInput(String key, String systemKey, Kind kind, String hypothesis, UnitType unitType,
        List<VariantInput> variants, Double trafficFraction, MetricInput primaryMetric, List<GuardrailInput> guardrails,
        Double alpha, Double power, AnalysisMethod analysis, MultipleTestingCorrection correction, String maxDuration,
        Double expectedDailyUnits, BanditInput bandit) {

    /**
     * Present to make the experiment a multi-armed bandit: weights follow Thompson sampling on the primary metric
     * (BINOMIAL or CONTINUOUS), recomputed every {@code updateEvery} once every arm has {@code burnInUnits} units, each
     * arm keeping at least {@code minimumShare}.
     */
    public record BanditInput(Long burnInUnits, Double minimumShare, String updateEvery) {
    }

    /**
     * What is being compared: the seed's four kinds of experiment; AA_TEST, identical variants run to check the
     * assignment, the logging and the metric before trusting them (it never ships); and HOLDOUT, a system's share of
     * units kept out of every later experiment and rollout (created with {@code POST /api/v1/holdouts}).
     */
    public enum Kind {
        MODEL_VARIANT, CONTENT, INTERVENTION_THRESHOLD, PERSONALIZATION_DEPTH, AA_TEST, HOLDOUT;

        public DesignKind designKind() {
            return switch (this) {
                case AA_TEST -> DesignKind.AA_TEST;
                case HOLDOUT -> DesignKind.HOLDOUT;
                default -> DesignKind.TREATMENT_TEST;
            };
        }
    }

    /** What a unit of assignment is. */
    public enum UnitType { USER, SESSION, ORDER }

    public record VariantInput(String key, Double weight, Boolean control, String description) {
    }

    public record MetricInput(String name, MetricType type, Direction direction, Double minimumDetectableEffect,
            Double baselineRate, Double baselineMean, Double baselineStdDev, String denominator, Double quantile,
            Double nonInferiorityMargin) {
    }

    public record GuardrailInput(String name, MetricType type, Direction direction, Double maxRegression,
            String denominator, Double quantile) {
    }
}
