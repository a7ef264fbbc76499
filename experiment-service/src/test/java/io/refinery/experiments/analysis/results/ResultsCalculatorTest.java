package io.refinery.experiments.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.DesignKind;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MixingVariance;
import io.refinery.experiments.stats.MixtureSequentialProbabilityRatioTest;
import io.refinery.experiments.stats.MultipleTestingCorrection;
import io.refinery.experiments.stats.NonInferiorityTest;
import io.refinery.experiments.stats.PValueAdjustment;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.refinery.experiments.stats.SampleSizeCalculator;
import io.refinery.experiments.stats.SampleRatioMismatchCheck;
import io.refinery.experiments.stats.SequentialRequest;
import io.refinery.experiments.stats.SequentialResult;
import io.refinery.experiments.stats.SrmRequest;

/** Results are the engine's answers on the stored sums, and the recommendation follows its documented order. */
class ResultsCalculatorTest {

    private static final MetricSpec CONVERSION = new MetricSpec("conversion", MetricType.BINOMIAL, Direction.INCREASE,
            0.1, 0.05, null, null, null, null, null);
    private static final GuardrailSpec LATENCY = new GuardrailSpec("latency", MetricType.CONTINUOUS, Direction.DECREASE,
            0.05, null, null);

    private static ExperimentDesign design(AnalysisMethod method, long required, List<GuardrailSpec> guardrails,
            String... treatments) {
        List<VariantSpec> variants = new java.util.ArrayList<>();
        double weight = 1.0 / (treatments.length + 1);
        variants.add(new VariantSpec("control", weight, true, null));
        for (String t : treatments) {
            variants.add(new VariantSpec(t, weight, false, null));
        }
        return new ExperimentDesign(variants, CONVERSION, guardrails, 0.05, method, MultipleTestingCorrection.HOLM,
                required);
    }

    private static VariantData binomial(String variant, long units, long conversions) {
        return new VariantData(variant, units, 0, 0, 0,
                Map.of("conversion", new VariantData.MetricSums(conversions, conversions, 0, conversions)));
    }

    @Test
    void twoTreatmentsAreComparedByTheEngineWithHolmAdjustedPValuesAndTheBestSignificantOneShips() {
        List<VariantData> data = List.of(binomial("control", 10_000, 500), binomial("a", 10_000, 600),
                binomial("b", 10_000, 540));
        ExperimentResults r = ResultsCalculator.compute(design(AnalysisMethod.FREQUENTIST, 5_000, List.of(), "a", "b"),
                data, Map.of(), false);

        ComparisonResult a = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.05, new ProportionStatistic(10_000, 500), new ProportionStatistic(10_000, 600)));
        ComparisonResult b = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                InferenceMethod.FREQUENTIST, 0.05, new ProportionStatistic(10_000, 500), new ProportionStatistic(10_000, 540)));
        List<Double> holm = PValueAdjustment.adjust(List.of(a.pValue(), b.pValue()), MultipleTestingCorrection.HOLM).adjusted();
        ExperimentResults.Comparison ra = r.primaryMetric().comparisons().get(0);
        ExperimentResults.Comparison rb = r.primaryMetric().comparisons().get(1);
        assertThat(ra.pValue()).isEqualTo(a.pValue());
        assertThat(ra.relativeLift()).isEqualTo(a.relativeLift());
        assertThat(ra.confidenceInterval()).isEqualTo(a.confidenceInterval());
        assertThat(ra.adjustedPValue()).isEqualTo(holm.get(0));
        assertThat(rb.adjustedPValue()).isEqualTo(holm.get(1));
        assertThat(ra.better()).isTrue();
        assertThat(rb.better()).isFalse();
        assertThat(r.variants().get(1).mean()).isEqualTo(0.06);
        assertThat(r.srm().pValue()).isEqualTo(SampleRatioMismatchCheck.check(new SrmRequest(List.of(10_000L, 10_000L,
                10_000L), List.of(1 / 3.0, 1 / 3.0, 1 / 3.0))).pValue());
        assertThat(r.progress().reached()).isTrue();
        assertThat(r.recommendation().decision()).isEqualTo("SHIP:a");
        assertThat(r.recommendation().reasons().get(0)).contains("a changes conversion by +20.00 %");
    }

    @Test
    void aFixedHorizonTestRecommendsNothingBeforeTheRequiredSampleUnlessTheDataIsFinal() {
        List<VariantData> data = List.of(binomial("control", 10_000, 500), binomial("a", 10_000, 600));
        ExperimentDesign design = design(AnalysisMethod.FREQUENTIST, 30_000, List.of(), "a");
        ExperimentResults early = ResultsCalculator.compute(design, data, Map.of(), false);
        assertThat(early.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(early.recommendation().advice()).isEqualTo("KEEP_RUNNING");
        assertThat(early.recommendation().reasons().get(0)).contains("10,000 of 30,000 units per variant");
        assertThat(early.progress().fraction()).isCloseTo(1 / 3.0, within(1e-12));
        ExperimentResults last = ResultsCalculator.compute(design, data, Map.of(), true);
        assertThat(last.recommendation().decision()).isEqualTo("SHIP:a");
        assertThat(last.recommendation().reasons()).anySatisfy(x -> assertThat(x).contains("was not reached"));
    }

    @Test
    void aSampleRatioMismatchOrAViolatedGuardrailBlocksShipping() {
        List<VariantData> skewed = List.of(binomial("control", 10_000, 500), binomial("a", 11_000, 660));
        ExperimentResults srm = ResultsCalculator.compute(design(AnalysisMethod.FREQUENTIST, 100, List.of(), "a"), skewed,
                Map.of(), true);
        assertThat(srm.srm().mismatch()).isTrue();
        assertThat(srm.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(srm.recommendation().reasons().get(0)).contains("sample ratio mismatch");

        // Treatment converts better but its latency (lower is better) is 20 % worse, significantly.
        VariantData control = new VariantData("control", 10_000, 0, 0, 0, Map.of(
                "conversion", new VariantData.MetricSums(500, 500, 0, 500),
                "latency", new VariantData.MetricSums(10_000 * 100.0, 10_000 * (100.0 * 100 + 100), 0, 10_000)));
        VariantData slow = new VariantData("a", 10_000, 0, 0, 0, Map.of(
                "conversion", new VariantData.MetricSums(600, 600, 0, 600),
                "latency", new VariantData.MetricSums(10_000 * 120.0, 10_000 * (120.0 * 120 + 100), 0, 10_000)));
        ExperimentResults guarded = ResultsCalculator.compute(design(AnalysisMethod.FREQUENTIST, 100, List.of(LATENCY), "a"),
                List.of(control, slow), Map.of(), true);
        assertThat(guarded.guardrails().get(0).status()).isEqualTo("VIOLATED");
        assertThat(guarded.guardrails().get(0).comparisons().get(0).relativeLift()).isCloseTo(0.2, within(1e-12));
        assertThat(guarded.recommendation().decision()).isEqualTo("KEEP_CONTROL");
        assertThat(guarded.recommendation().reasons().get(0)).contains("violates guardrail(s) [latency]");
    }

    @Test
    void bayesianAndSequentialAnalysesJudgeByTheirOwnCriteria() {
        List<VariantData> data = List.of(binomial("control", 10_000, 500), binomial("a", 10_000, 600));
        ExperimentResults bayes = ResultsCalculator.compute(design(AnalysisMethod.BAYESIAN, 5_000, List.of(), "a"), data,
                Map.of(), false);
        ExperimentResults.Comparison c = bayes.primaryMetric().comparisons().get(0);
        assertThat(c.pValue()).isNull();
        assertThat(c.chanceToBeatControl()).isEqualTo(ExperimentComparison.compare(new ComparisonRequest(
                MetricType.BINOMIAL, InferenceMethod.BAYESIAN, 0.05, new ProportionStatistic(10_000, 500),
                new ProportionStatistic(10_000, 600))).chanceToBeatControl());
        assertThat(c.chanceToBeBetter()).isGreaterThan(0.95);
        assertThat(bayes.recommendation().decision()).isEqualTo("SHIP:a");

        // The always-valid test pays for peeking: +20 % (z = 3.1) is not enough at 10,000 units a side, +30 % is.
        ExperimentResults notYet = ResultsCalculator.compute(design(AnalysisMethod.SEQUENTIAL, 31_000, List.of(), "a"),
                data, Map.of(), false);
        assertThat(notYet.primaryMetric().comparisons().get(0).sequential().boundaryCrossed()).isFalse();
        assertThat(notYet.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        ExperimentResults sequential = ResultsCalculator.compute(design(AnalysisMethod.SEQUENTIAL, 31_000, List.of(), "a"),
                List.of(binomial("control", 10_000, 500), binomial("a", 10_000, 650)), Map.of(), false);
        ExperimentResults.Sequential look = sequential.primaryMetric().comparisons().get(0).sequential();
        assertThat(look.pValue()).isLessThan(0.05);
        assertThat(look.boundaryCrossed()).isTrue();
        assertThat(sequential.recommendation().decision()).isEqualTo("SHIP:a");
        // The next look never reports a larger always-valid p-value than the last one recorded.
        Map<String, SequentialLook> recorded = ResultsCalculator.looks(sequential);
        List<VariantData> later = List.of(binomial("control", 12_000, 600), binomial("a", 12_000, 640));
        ExperimentResults next = ResultsCalculator.compute(design(AnalysisMethod.SEQUENTIAL, 31_000, List.of(), "a"),
                later, recorded, false);
        assertThat(next.primaryMetric().comparisons().get(0).sequential().pValue()).isLessThanOrEqualTo(look.pValue());
    }

    @Test
    void noUnitsIsInconclusiveWithoutErrors() {
        ExperimentResults r = ResultsCalculator.compute(design(AnalysisMethod.FREQUENTIST, 100, List.of(LATENCY), "a"),
                List.of(), Map.of(), true);
        assertThat(r.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(r.primaryMetric().comparisons().get(0).status()).isEqualTo("NO_UNITS");
        assertThat(r.guardrails().get(0).status()).isEqualTo("NO_DATA");
        assertThat(r.srm().pValue()).isNull();
    }

    private static VariantData withLatency(String variant, long units, double mean, double variance) {
        return new VariantData(variant, units, 0, 0, 0, Map.of(
                "conversion", new VariantData.MetricSums(units / 20, units / 20, 0, units / 20),
                "latency", new VariantData.MetricSums(units * mean, units * (mean * mean + variance), 0, units)));
    }

    @Test
    void underSequentialAnalysisGuardrailsAreJudgedOnTheAlwaysValidIntervalAndContinueFromTheLastLook() {
        // Latency (lower is better), 1 % tolerated: the treatment is 2 % slower, sd 50 ms on a 100 ms mean.
        GuardrailSpec latency = new GuardrailSpec("latency", MetricType.CONTINUOUS, Direction.DECREASE, 0.01, null, null);
        VariantData control = withLatency("control", 10_000, 100, 2_500);
        VariantData slower = withLatency("a", 10_000, 102, 2_500);

        // Fixed horizon: 2 ± 1.39 ms rules out "no worse", and 2 % is beyond the tolerated 1 %.
        ExperimentResults.GuardrailComparison fixed = ResultsCalculator.compute(
                design(AnalysisMethod.FREQUENTIST, 31_000, List.of(latency), "a"), List.of(control, slower), Map.of(), false)
                .guardrails().get(0).comparisons().get(0);
        assertThat(fixed.status()).isEqualTo("VIOLATED");
        assertThat(fixed.method()).isEqualTo("FREQUENTIST");
        assertThat(fixed.sequential()).isNull();

        // Sequential: the engine's mSPRT on the same arms, τ² tuned for the required sample; its interval (about
        // 2 ± 2.24 ms) still holds 0, so the regression is not established yet: AT_RISK, not VIOLATED.
        ExperimentDesign design = design(AnalysisMethod.SEQUENTIAL, 31_000, List.of(latency), "a");
        ExperimentResults first = ResultsCalculator.compute(design, List.of(control, slower), Map.of(), false);
        ExperimentResults.GuardrailComparison g = first.guardrails().get(0).comparisons().get(0);
        SequentialResult engine = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(0.05,
                new SampleMeanStatistic(10_000, 10_000 * 100.0, 10_000 * (100.0 * 100 + 2_500)),
                new SampleMeanStatistic(10_000, 10_000 * 102.0, 10_000 * (102.0 * 102 + 2_500)),
                new MixingVariance.TunedForSampleSize(31_000)));
        assertThat(g.method()).isEqualTo("SEQUENTIAL");
        assertThat(g.status()).isEqualTo("AT_RISK");
        assertThat(g.pValue()).isEqualTo(engine.pValue());
        assertThat(g.sequential().differenceInterval()).isEqualTo(engine.confidenceInterval());
        assertThat(engine.confidenceInterval().lower()).isLessThan(0);
        assertThat(g.relativeLift()).isCloseTo(0.02, within(1e-9));
        assertThat(g.confidenceInterval().lower()).isCloseTo(engine.confidenceInterval().lower() / 100, within(1e-12));
        assertThat(g.confidenceInterval().upper()).isCloseTo(engine.confidenceInterval().upper() / 100, within(1e-12));

        // The look is recorded under latency/a next to the primary metric's, and the next look continues from it:
        // more data with the same 2 % regression crosses the boundary, and the p-value only ever falls.
        Map<String, SequentialLook> recorded = ResultsCalculator.looks(first);
        assertThat(recorded).containsKeys("a", "latency/a");
        assertThat(recorded.get("latency/a").pValue()).isEqualTo(engine.pValue());
        ExperimentResults later = ResultsCalculator.compute(design, List.of(withLatency("control", 40_000, 100, 2_500),
                withLatency("a", 40_000, 102, 2_500)), recorded, false);
        ExperimentResults.GuardrailComparison g2 = later.guardrails().get(0).comparisons().get(0);
        assertThat(g2.status()).isEqualTo("VIOLATED");
        assertThat(g2.pValue()).isLessThanOrEqualTo(g.pValue()).isLessThan(0.05);
        assertThat(g2.sequential().differenceInterval().lower()).isGreaterThanOrEqualTo(engine.confidenceInterval().lower());
        assertThat(g2.sequential().differenceInterval().upper()).isLessThanOrEqualTo(engine.confidenceInterval().upper());
        assertThat(later.recommendation().decision()).isNotEqualTo("SHIP:a");
    }

    @Test
    void aNonInferiorityDesignShipsATreatmentProvenNoWorseThanTheMargin() {
        // The cheaper ranker converts 4.9 % against 5.0 %: not better, but with 10 % as the tolerated relative loss and
        // 100,000 units per arm, proven no worse (statsmodels' _zstat_generic on the lift and its SE, as in
        // NonInferiorityTestTest, gives the same one-sided p as NonInferiorityTest).
        MetricSpec cheaper = new MetricSpec("conversion", MetricType.BINOMIAL, Direction.INCREASE, 0.1, 0.05, null,
                null, null, null, 0.10);
        ExperimentDesign design = new ExperimentDesign(List.of(new VariantSpec("control", 0.5, true, null),
                new VariantSpec("small", 0.5, false, null)), cheaper, List.of(), 0.05, AnalysisMethod.FREQUENTIST,
                MultipleTestingCorrection.HOLM, 50_000);
        ExperimentResults r = ResultsCalculator.compute(design, List.of(binomial("control", 100_000, 5_000),
                binomial("small", 100_000, 4_900)), Map.of(), false);

        ExperimentResults.Comparison c = r.primaryMetric().comparisons().get(0);
        NonInferiorityTest.Result expected = NonInferiorityTest.test(MetricType.BINOMIAL,
                new ProportionStatistic(100_000, 5_000), new ProportionStatistic(100_000, 4_900), true, 0.10, 0.05);
        assertThat(c.better()).isFalse();
        assertThat(c.nonInferiority().pValue()).isEqualTo(expected.pValue());
        assertThat(c.nonInferiority().adjustedPValue()).isEqualTo(expected.pValue()); // one treatment: Holm keeps it
        assertThat(c.nonInferiority().nonInferior()).isTrue();
        assertThat(r.recommendation().decision()).isEqualTo("SHIP:small");
        assertThat(r.recommendation().advice()).isEqualTo("SHIP");
        assertThat(r.recommendation().reasons().get(0)).contains("small is no worse than control on conversion by more than 10.00 %");

        // 4.2 % is a loss beyond the margin: not proven, nothing ships.
        ExperimentResults worse = ResultsCalculator.compute(design, List.of(binomial("control", 100_000, 5_000),
                binomial("small", 100_000, 4_200)), Map.of(), false);
        assertThat(worse.primaryMetric().comparisons().get(0).nonInferiority().nonInferior()).isFalse();
        assertThat(worse.recommendation().decision()).isNotEqualTo("SHIP:small");

        // Without the margin, the same data is a superiority test that finds nothing.
        ExperimentResults superiority = ResultsCalculator.compute(design(AnalysisMethod.FREQUENTIST, 50_000, List.of(),
                "small"), List.of(binomial("control", 100_000, 5_000), binomial("small", 100_000, 4_900)), Map.of(), false);
        assertThat(superiority.primaryMetric().comparisons().get(0).nonInferiority()).isNull();
        assertThat(superiority.recommendation().decision()).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void theAdviceWeighsThePowerReached() {
        ExperimentDesign design = design(AnalysisMethod.FREQUENTIST, 20_000, List.of(), "a");
        // 100,000 units per arm at 5 %: the power to see the planned +10 % (0.5 points) is high, and the 5.02 % found
        // is far from it: don't ship. The power is the normal formula on the arms' own variances.
        ExperimentResults flat = ResultsCalculator.compute(design, List.of(binomial("control", 100_000, 5_000),
                binomial("a", 100_000, 5_020)), Map.of(), false);
        double se = Math.sqrt(0.05 * 0.95 / 100_000 + 0.0502 * 0.9498 / 100_000);
        assertThat(flat.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(flat.recommendation().power()).isCloseTo(
                SampleSizeCalculator.achievedPower(0.1 * 0.05, se, 0.05), within(1e-12)).isGreaterThan(0.99);
        assertThat(flat.recommendation().advice()).isEqualTo("DONT_SHIP");
        assertThat(flat.recommendation().reasons()).anySatisfy(x -> assertThat(x).contains("does not pay for itself"));

        // Stopped early with 2,000 units per arm: final, but too weak to tell.
        ExperimentResults weak = ResultsCalculator.compute(design, List.of(binomial("control", 2_000, 100),
                binomial("a", 2_000, 104)), Map.of(), true);
        assertThat(weak.recommendation().power()).isLessThan(0.8);
        assertThat(weak.recommendation().advice()).isEqualTo("INCONCLUSIVE");

        // Still running before the required sample: keep running.
        ExperimentResults running = ResultsCalculator.compute(design, List.of(binomial("control", 2_000, 100),
                binomial("a", 2_000, 104)), Map.of(), false);
        assertThat(running.recommendation().advice()).isEqualTo("KEEP_RUNNING");

        // A sample ratio mismatch: nothing to advise but fixing the setup.
        ExperimentResults broken = ResultsCalculator.compute(design, List.of(binomial("control", 100_000, 5_000),
                binomial("a", 90_000, 4_500)), Map.of(), true);
        assertThat(broken.srm().mismatch()).isTrue();
        assertThat(broken.recommendation().advice()).isEqualTo("INCONCLUSIVE");
    }

    @Test
    void anAaTestPassesFailsOrKeepsRunningAndNeverShips() {
        ExperimentDesign aa = new ExperimentDesign(List.of(new VariantSpec("control", 0.5, true, null),
                new VariantSpec("copy", 0.5, false, null)), CONVERSION, List.of(), 0.05, AnalysisMethod.FREQUENTIST,
                MultipleTestingCorrection.HOLM, 20_000, 0.8, DesignKind.AA_TEST);
        ExperimentResults same = ResultsCalculator.compute(aa, List.of(binomial("control", 30_000, 1_500),
                binomial("copy", 30_000, 1_510)), Map.of(), false);
        assertThat(same.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(same.recommendation().advice()).isEqualTo("AA_PASSED");
        assertThat(same.recommendation().reasons()).contains("an A/A test never ships");

        // Identical variants that differ: 5 % against 6 % with 30,000 units each is no accident.
        ExperimentResults different = ResultsCalculator.compute(aa, List.of(binomial("control", 30_000, 1_500),
                binomial("copy", 30_000, 1_800)), Map.of(), false);
        assertThat(different.recommendation().decision()).isEqualTo("INCONCLUSIVE");
        assertThat(different.recommendation().advice()).isEqualTo("AA_FAILED");
        assertThat(different.recommendation().reasons().get(0)).contains("copy differs from control on conversion");

        ExperimentResults early = ResultsCalculator.compute(aa, List.of(binomial("control", 3_000, 150),
                binomial("copy", 3_000, 180)), Map.of(), false);
        assertThat(early.recommendation().advice()).isEqualTo("KEEP_RUNNING");

        ExperimentResults skewed = ResultsCalculator.compute(aa, List.of(binomial("control", 3_000, 150),
                binomial("copy", 2_000, 100)), Map.of(), false);
        assertThat(skewed.recommendation().advice()).isEqualTo("AA_FAILED");
        assertThat(skewed.recommendation().reasons().get(0)).contains("sample ratio mismatch");
    }

    @Test
    void aHoldoutIsReleasedNeverShippedAndItsAdviceReadsTheImpactOfWhatShipped() {
        ExperimentDesign holdout = new ExperimentDesign(List.of(new VariantSpec("holdout", 0.1, true, null),
                new VariantSpec("exposed", 0.9, false, null)), CONVERSION, List.of(), 0.05, AnalysisMethod.FREQUENTIST,
                MultipleTestingCorrection.HOLM, 20_000, 0.8, DesignKind.HOLDOUT);
        ExperimentResults better = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 20_000, 1_000),
                binomial("exposed", 180_000, 9_900)), Map.of(), false);
        assertThat(better.recommendation().decision()).isEqualTo("RELEASE");
        assertThat(better.recommendation().advice()).isEqualTo("IMPACT_POSITIVE");
        assertThat(better.recommendation().reasons().get(0))
                .startsWith("what shipped since the holdout began changes conversion by +10.00 %");
        assertThat(better.recommendation().reasons()).contains("a holdout is never shipped: it ends by releasing its units");

        ExperimentResults worse = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 20_000, 1_000),
                binomial("exposed", 180_000, 8_100)), Map.of(), false);
        assertThat(worse.recommendation().advice()).isEqualTo("IMPACT_NEGATIVE");

        // 5 % on both sides; with 20,000 held-out units the test sees a 10 % change with about 87 % power.
        ExperimentResults same = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 20_000, 1_000),
                binomial("exposed", 180_000, 9_000)), Map.of(), false);
        assertThat(same.recommendation().power()).isGreaterThan(0.8);
        assertThat(same.recommendation().advice()).isEqualTo("NO_IMPACT_DETECTED");

        ExperimentResults early = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 2_000, 100),
                binomial("exposed", 18_000, 1_100)), Map.of(), false);
        assertThat(early.recommendation().advice()).isEqualTo("KEEP_RUNNING");
        assertThat(early.recommendation().decision()).isEqualTo("RELEASE");
        ExperimentResults ended = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 2_000, 100),
                binomial("exposed", 18_000, 900)), Map.of(), true);
        assertThat(ended.recommendation().advice()).isEqualTo("INCONCLUSIVE");

        ExperimentResults skewed = ResultsCalculator.compute(holdout, List.of(binomial("holdout", 25_000, 1_250),
                binomial("exposed", 180_000, 9_900)), Map.of(), false);
        assertThat(skewed.recommendation().advice()).isEqualTo("INCONCLUSIVE");
        assertThat(skewed.recommendation().reasons().get(0)).contains("sample ratio mismatch");
    }
}
