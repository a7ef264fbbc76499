package io.refinery.experiments.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.BanditSpec;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MultipleTestingCorrection;
import io.refinery.experiments.stats.ThompsonSampling;

class BanditPolicyTest {

    private static final MetricSpec CONVERSION = new MetricSpec("conversion", MetricType.BINOMIAL, Direction.INCREASE,
            0.1, 0.05, null, null, null, null, null);
    private static final BanditSpec BANDIT = new BanditSpec(100, 0.1, "PT1H");
    private static final Map<String, Double> CURRENT = Map.of("control", 0.5, "b", 0.5);

    private static ExperimentDesign design(List<GuardrailSpec> guardrails) {
        return new ExperimentDesign(List.of(new VariantSpec("control", 0.5, true, null), new VariantSpec("b", 0.5, false,
                null)), CONVERSION, guardrails, 0.05, AnalysisMethod.BAYESIAN, MultipleTestingCorrection.HOLM, 10_000);
    }

    private static VariantData arm(String variant, long units, long conversions, double latencyMean) {
        return new VariantData(variant, units, 0, 0, 0, Map.of(
                "conversion", new VariantData.MetricSums(conversions, conversions, 0, conversions),
                "latency", new VariantData.MetricSums(units * latencyMean, units * (latencyMean * latencyMean + 25), 0,
                        units)));
    }

    @Test
    void theBurnInKeepsTheDeclaredWeightsThenThompsonSamplingWithTheFloorTakesOver() {
        ExperimentDesign design = design(List.of());
        ExperimentResults early = ResultsCalculator.compute(design, List.of(arm("control", 99, 5, 100),
                arm("b", 400, 40, 100)), Map.of(), false);
        BanditPolicy.Step burnIn = BanditPolicy.next(design, BANDIT, early, CURRENT);
        assertThat(burnIn.reason()).isEqualTo("BURN_IN");
        assertThat(burnIn.weights()).isEqualTo(Map.of("control", 0.5, "b", 0.5));
        assertThat(burnIn.notes().get(0)).isEqualTo("control has 99 of its 100 burn-in units");

        ExperimentResults enough = ResultsCalculator.compute(design, List.of(arm("control", 1000, 100, 100),
                arm("b", 1000, 120, 100)), Map.of(), false);
        BanditPolicy.Step step = BanditPolicy.next(design, BANDIT, enough, CURRENT);
        assertThat(step.reason()).isEqualTo("THOMPSON");
        // P(b best) = 0.9231834389735569 (scipy, see ThompsonSamplingTest); weights 0.1 + 0.8 · P(best).
        assertThat(step.probabilityBest().get("b")).isCloseTo(0.9231834389735569, within(1e-7));
        assertThat(step.weights().get("b")).isCloseTo(0.1 + 0.8 * 0.9231834389735569, within(1e-7));
        assertThat(step.weights().get("control")).isCloseTo(0.1 + 0.8 * 0.07681656102644031, within(1e-7));
    }

    @Test
    void anArmThatViolatesAGuardrailKeepsOnlyTheFloor() {
        GuardrailSpec latency = new GuardrailSpec("latency", MetricType.CONTINUOUS, Direction.DECREASE, 0.01, null, null);
        ExperimentDesign design = design(List.of(latency));
        // b converts better but is 20 % slower: latency 120 ms against 100 ms, sd 5 ms.
        ExperimentResults r = ResultsCalculator.compute(design, List.of(arm("control", 1000, 100, 100),
                arm("b", 1000, 120, 120)), Map.of(), false);
        BanditPolicy.Step step = BanditPolicy.next(design, BANDIT, r, CURRENT);
        assertThat(step.weights().get("b")).isCloseTo(0.1, within(1e-12));
        assertThat(step.weights().get("control")).isCloseTo(0.9, within(1e-12));
        assertThat(step.notes()).anyMatch(n -> n.equals("b violates guardrail(s) [latency]: it keeps only the minimum share"));
    }

    @Test
    void aSampleRatioMismatchFreezesTheWeights() {
        ExperimentDesign design = design(List.of());
        ExperimentResults r = ResultsCalculator.compute(design, List.of(arm("control", 1000, 100, 100),
                arm("b", 1300, 130, 100)), Map.of(), false);
        BanditPolicy.Step step = BanditPolicy.next(design, BANDIT, r, Map.of("control", 0.3, "b", 0.7));
        assertThat(step.reason()).isEqualTo("FROZEN");
        assertThat(step.weights()).isEqualTo(Map.of("control", 0.3, "b", 0.7));
    }

    @Test
    void continuousMetricsUseTheNormalPosteriorOfTheMean() {
        MetricSpec revenue = new MetricSpec("latency", MetricType.CONTINUOUS, Direction.DECREASE, 0.05, null, 100.0, 5.0,
                null, null, null);
        ExperimentDesign design = new ExperimentDesign(List.of(new VariantSpec("control", 0.5, true, null),
                new VariantSpec("b", 0.5, false, null)), revenue, List.of(), 0.05, AnalysisMethod.BAYESIAN,
                MultipleTestingCorrection.HOLM, 10_000);
        ExperimentResults r = ResultsCalculator.compute(design, List.of(arm("control", 400, 0, 100),
                arm("b", 400, 0, 99.5)), Map.of(), false);
        BanditPolicy.Step step = BanditPolicy.next(design, BANDIT, r, CURRENT);
        double varianceOfMean = 25.0 * 400 / 399 / 400;
        double[] expected = ThompsonSampling.probabilityBestNormal(new double[] { 100, 99.5 },
                new double[] { varianceOfMean, varianceOfMean }, false);
        assertThat(step.probabilityBest().get("b")).isCloseTo(expected[1], within(1e-9));
        // Two normals: P(b lower) = Φ(0.5 / sqrt(2 · var)), the closed form.
        double z = 0.5 / Math.sqrt(2 * varianceOfMean);
        assertThat(step.probabilityBest().get("b")).isCloseTo(
                new org.hipparchus.distribution.continuous.NormalDistribution(0, 1).cumulativeProbability(z), within(1e-7));
    }

    @Test
    void expectedSharesFollowTheWeightsServedWhileTheUnitsArrived() {
        ExperimentDesign design = design(List.of());
        List<BanditPolicy.Version> history = List.of(
                new BanditPolicy.Version(0, Map.of("control", 0.5, "b", 0.5), Map.of()),
                new BanditPolicy.Version(1, Map.of("control", 0.2, "b", 0.8), Map.of("control", 50L, "b", 50L)),
                new BanditPolicy.Version(2, Map.of("control", 0.1, "b", 0.9), Map.of("control", 90L, "b", 210L)));
        // 100 units under 50/50, 200 under 20/80, 100 under 10/90.
        Map<String, Double> shares = BanditPolicy.expectedShares(design, history, Map.of("control", 100L, "b", 300L));
        assertThat(shares.get("control")).isCloseTo((50 + 40 + 10) / 400.0, within(1e-15));
        assertThat(shares.get("b")).isCloseTo((50 + 160 + 90) / 400.0, within(1e-15));
        assertThat(BanditPolicy.expectedShares(design, history.subList(0, 1), Map.of()))
                .isEqualTo(Map.of("control", 0.5, "b", 0.5));
    }
}
