package io.refinery.metrics.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final Instant FIRST_DAY = Instant.parse("2025-03-01T00:00:00Z");
    private static final Offset<Double> EPSILON = within(1e-12);
    private static final long PLENTY = 1_000;
    private static final long FEW = 3;

    /** CTR rule from the requirement: below 0.03 by more than 10 %, five days running, at least 100 samples a day. */
    private static final RuleSpec CTR_RULE = new RuleSpec(
            Comparison.BELOW, new Baseline.Fixed(0.03), new Tolerance.Relative(0.10), 5, 100);

    @Test
    void fixedBaselineWithRelativeToleranceGivesThreshold() {
        // threshold = 0.03 - 0.10 × |0.03| = 0.03 - 0.003 = 0.027; 0.025 < 0.027 → BREACH
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE, List.of(period(0, 0.025, PLENTY)));

        PeriodVerdict verdict = evaluation.verdicts().get(0);
        assertThat(verdict.start()).isEqualTo(FIRST_DAY);
        assertThat(verdict.value()).isEqualTo(0.025);
        assertThat(verdict.samples()).isEqualTo(PLENTY);
        assertThat(verdict.baseline()).isEqualTo(0.03);
        assertThat(verdict.threshold()).isCloseTo(0.027, EPSILON);
        assertThat(verdict.verdict()).isEqualTo(Verdict.BREACH);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(1);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
    }

    @Test
    void fiveConsecutiveBreachingDaysFire() {
        // 5 days at 0.025 < 0.027 → 5 breaches ≥ N = 5 → FIRING
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE, days(PLENTY, 0.025, 0.025, 0.025, 0.025, 0.025));

        assertThat(verdictsOf(evaluation)).containsOnly(Verdict.BREACH).hasSize(5);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(5);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
        assertThat(evaluation.breachingStreak()).extracting(PeriodVerdict::start)
                .containsExactly(day(0), day(1), day(2), day(3), day(4));
    }

    @Test
    void fourConsecutiveBreachingDaysArePending() {
        // 4 breaches, 1 ≤ 4 < 5 → PENDING
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE, days(PLENTY, 0.025, 0.025, 0.025, 0.025));

        assertThat(evaluation.consecutiveBreaches()).isEqualTo(4);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
        assertThat(evaluation.breachingStreak()).hasSize(4);
    }

    @Test
    void moreBreachesThanNeededKeepCounting() {
        // 7 breaches ≥ 5 → FIRING with all 7 counted
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE,
                days(PLENTY, 0.025, 0.025, 0.025, 0.025, 0.025, 0.025, 0.025));

        assertThat(evaluation.consecutiveBreaches()).isEqualTo(7);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
    }

    @Test
    void lowSampleDayInsideStreakNeitherCountsNorResets() {
        // 4 breaches + 1 day with 3 < 100 samples (its 0.05 would be WITHIN) + 1 breach = 5 breaches → FIRING
        List<PeriodValue> periods = List.of(
                period(0, 0.025, PLENTY), period(1, 0.025, PLENTY), period(2, 0.025, PLENTY),
                period(3, 0.025, PLENTY), period(4, 0.05, FEW), period(5, 0.025, PLENTY));

        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE, periods);

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.BREACH, Verdict.BREACH,
                Verdict.BREACH, Verdict.INSUFFICIENT_SAMPLES, Verdict.BREACH);
        assertThat(evaluation.verdicts().get(4).baseline()).isNull();
        assertThat(evaluation.verdicts().get(4).threshold()).isNull();
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(5);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
        assertThat(evaluation.breachingStreak()).extracting(PeriodVerdict::start)
                .containsExactly(day(0), day(1), day(2), day(3), day(5));
    }

    @Test
    void minSamplesIsInclusive() {
        // 100 samples = minSamplesPerPeriod 100 → judged (BREACH); 99 → INSUFFICIENT_SAMPLES
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE,
                List.of(period(0, 0.025, 100), period(1, 0.025, 99)));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.INSUFFICIENT_SAMPLES);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(1);
    }

    @Test
    void nonFiniteValuesAreTreatedAsInsufficientSamples() {
        // BREACH, NaN, +∞, BREACH → the two non-finite days are skipped: 2 breaches, PENDING
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE,
                days(PLENTY, 0.025, Double.NaN, Double.POSITIVE_INFINITY, 0.025));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.INSUFFICIENT_SAMPLES,
                Verdict.INSUFFICIENT_SAMPLES, Verdict.BREACH);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(2);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
    }

    @Test
    void goodDayResetsTheStreak() {
        // B B B, then 0.03 ≥ 0.027 → WITHIN resets to 0, then B B → 2 breaches, PENDING
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE,
                days(PLENTY, 0.025, 0.025, 0.025, 0.03, 0.025, 0.025));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.BREACH, Verdict.BREACH,
                Verdict.WITHIN, Verdict.BREACH, Verdict.BREACH);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(2);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
        assertThat(evaluation.breachingStreak()).extracting(PeriodVerdict::start).containsExactly(day(4), day(5));
    }

    @Test
    void goodLastDayLeavesNoStreak() {
        // 5 breaches then WITHIN → 0 breaches, OK
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE,
                days(PLENTY, 0.025, 0.025, 0.025, 0.025, 0.025, 0.028));

        assertThat(evaluation.consecutiveBreaches()).isZero();
        assertThat(evaluation.state()).isEqualTo(RuleState.OK);
        assertThat(evaluation.breachingStreak()).isEmpty();
        assertThat(evaluation.verdicts()).hasSize(6);
    }

    @Test
    void emptyListIsOk() {
        Evaluation evaluation = RuleEvaluator.evaluate(CTR_RULE, List.of());

        assertThat(evaluation.verdicts()).isEmpty();
        assertThat(evaluation.consecutiveBreaches()).isZero();
        assertThat(evaluation.state()).isEqualTo(RuleState.OK);
        assertThat(evaluation.breachingStreak()).isEmpty();
    }

    @Test
    void trailingMeanOfTwentyEightPriorDaysExcludesTheStreak() {
        // 28 days at 0.04, then 5 at 0.03. Baseline for the five = mean of days 0..27 = 0.04;
        // threshold = 0.04 - 0.1 × 0.04 = 0.036; 0.03 < 0.036 → 5 breaches → FIRING.
        // Had the streak dragged its own window, day 32 would get (24 × 0.04 + 4 × 0.03) / 28 = 1.08 / 28 ≈ 0.0386.
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(28, BaselineStatistic.MEAN),
                new Tolerance.Relative(0.1), 5, 100);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, twentyEightThenFive(0.04, -1, 0.03));

        List<PeriodVerdict> streak = evaluation.verdicts().subList(28, 33);
        assertThat(streak).extracting(PeriodVerdict::verdict).containsOnly(Verdict.BREACH);
        assertThat(streak).allSatisfy(verdict -> {
            assertThat(verdict.baseline()).isCloseTo(0.04, EPSILON);
            assertThat(verdict.threshold()).isCloseTo(0.036, EPSILON);
        });
        // day 0 has nothing before it; days 1..27 sit at their 0.04 baseline, above 0.036
        assertThat(evaluation.verdicts().get(0).verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(evaluation.verdicts().subList(1, 28)).extracting(PeriodVerdict::verdict)
                .containsOnly(Verdict.WITHIN);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(5);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
    }

    @Test
    void trailingMedianOfTwentyEightPriorDaysExcludesTheStreakAndIgnoresOutliers() {
        // 28 days at 0.04 except day 10 at 0.40, then 5 at 0.03.
        // Median of days 0..27: sorted 27 × 0.04 then 0.40, middle two (13th, 14th) are 0.04 → (0.04 + 0.04) / 2 = 0.04
        // (the mean would be (27 × 0.04 + 0.40) / 28 = 1.48 / 28 ≈ 0.0529).
        // threshold = 0.04 - 0.005 = 0.035; 0.03 < 0.035 → 5 breaches → FIRING.
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(28, BaselineStatistic.MEDIAN),
                new Tolerance.Absolute(0.005), 5, 100);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, twentyEightThenFive(0.04, 10, 0.03));

        List<PeriodVerdict> streak = evaluation.verdicts().subList(28, 33);
        assertThat(streak).extracting(PeriodVerdict::verdict).containsOnly(Verdict.BREACH);
        assertThat(streak).extracting(PeriodVerdict::baseline).containsOnly(0.04);
        assertThat(streak).allSatisfy(verdict -> assertThat(verdict.threshold()).isCloseTo(0.035, EPSILON));
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(5);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
    }

    @Test
    void periodClosingTheStreakUsesThePreStreakBaselineAndTheNextOneSlides() {
        // Trailing 2-period MEAN, tolerance 0, BELOW:
        // d0 10: nothing before → NO_BASELINE
        // d1 10: mean(10) = 10, 10 < 10? no → WITHIN
        // d2  4: mean(10, 10) = 10 → BREACH, streak opens after 2 sufficient periods
        // d3  6: pre-streak mean(10, 10) = 10 → BREACH (sliding would give mean(10, 4) = 7)
        // d4 12: pre-streak mean(10, 10) = 10 → WITHIN, streak closes (sliding would give mean(4, 6) = 5)
        // d5  5: no streak, mean(6, 12) = 9 → BREACH
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(2, BaselineStatistic.MEAN),
                new Tolerance.Absolute(0), 5, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, 10, 10, 4, 6, 12, 5));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.NO_BASELINE, Verdict.WITHIN, Verdict.BREACH,
                Verdict.BREACH, Verdict.WITHIN, Verdict.BREACH);
        assertThat(evaluation.verdicts()).extracting(PeriodVerdict::baseline)
                .containsExactly(null, 10.0, 10.0, 10.0, 10.0, 9.0);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(1);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
        assertThat(evaluation.breachingStreak()).extracting(PeriodVerdict::start).containsExactly(day(5));
    }

    @Test
    void trailingMedianOfEvenCountIsMeanOfMiddleValuesAndEqualityIsWithin() {
        // Trailing 4-period MEDIAN, tolerance 0, ABOVE:
        // d0  3: NO_BASELINE
        // d1  1: median(3) = 3, 1 > 3? no → WITHIN
        // d2 10: median(3, 1) = (1 + 3) / 2 = 2, 10 > 2 → BREACH, streak opens after 2 sufficient periods
        // d3  2: pre-streak median(3, 1) = 2, 2 > 2? no (equal) → WITHIN, streak closes
        // d4 2.5: median(3, 1, 10, 2) = sorted 1, 2, 3, 10 → (2 + 3) / 2 = 2.5, 2.5 > 2.5? no → WITHIN
        RuleSpec spec = new RuleSpec(Comparison.ABOVE, new Baseline.Trailing(4, BaselineStatistic.MEDIAN),
                new Tolerance.Absolute(0), 3, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, 3, 1, 10, 2, 2.5));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.NO_BASELINE, Verdict.WITHIN, Verdict.BREACH,
                Verdict.WITHIN, Verdict.WITHIN);
        assertThat(evaluation.verdicts()).extracting(PeriodVerdict::baseline)
                .containsExactly(null, 3.0, 2.0, 2.0, 2.5);
        assertThat(evaluation.verdicts()).extracting(PeriodVerdict::threshold)
                .containsExactly(null, 3.0, 2.0, 2.0, 2.5);
        assertThat(evaluation.state()).isEqualTo(RuleState.OK);
    }

    @Test
    void trailingBaselineUsesFewerPeriodsWhenFewerExist() {
        // Trailing 28-period MEAN with only 2 before: d2 baseline = (2 + 4) / 2 = 3, 1 < 3 → BREACH
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(28, BaselineStatistic.MEAN),
                new Tolerance.Absolute(0), 5, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, 2, 4, 1));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.NO_BASELINE, Verdict.WITHIN, Verdict.BREACH);
        assertThat(evaluation.verdicts().get(1).baseline()).isEqualTo(2.0);
        assertThat(evaluation.verdicts().get(2).baseline()).isEqualTo(3.0);
    }

    @Test
    void lowSamplePeriodsAreNeverPartOfTrailingBaseline() {
        // minSamples 100. d0 10, d1 20 (mean(10) = 10 → WITHIN), d2 1000 with 3 samples → INSUFFICIENT_SAMPLES,
        // d3 14: mean of the 2 sufficient periods before = (10 + 20) / 2 = 15 (not (20 + 1000) / 2 = 510) → BREACH
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(2, BaselineStatistic.MEAN),
                new Tolerance.Absolute(0), 5, 100);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, List.of(
                period(0, 10, PLENTY), period(1, 20, PLENTY), period(2, 1000, FEW), period(3, 14, PLENTY)));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.NO_BASELINE, Verdict.WITHIN,
                Verdict.INSUFFICIENT_SAMPLES, Verdict.BREACH);
        assertThat(evaluation.verdicts().get(3).baseline()).isEqualTo(15.0);
        assertThat(evaluation.verdicts().get(3).threshold()).isEqualTo(15.0);
    }

    @Test
    void noBaselineWhenNothingPrecedes() {
        // d0 low-sample (not usable), d1 5: no sufficient period before → NO_BASELINE (null baseline and threshold),
        // d2 4: median(5) = 5, threshold 5 - 0.5 = 4.5, 4 < 4.5 → BREACH
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(7, BaselineStatistic.MEDIAN),
                new Tolerance.Absolute(0.5), 3, 100);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, List.of(
                period(0, 0.5, FEW), period(1, 5, PLENTY), period(2, 4, PLENTY)));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.INSUFFICIENT_SAMPLES, Verdict.NO_BASELINE,
                Verdict.BREACH);
        assertThat(evaluation.verdicts().get(1).baseline()).isNull();
        assertThat(evaluation.verdicts().get(1).threshold()).isNull();
        assertThat(evaluation.verdicts().get(2).baseline()).isEqualTo(5.0);
        assertThat(evaluation.verdicts().get(2).threshold()).isEqualTo(4.5);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(1);
    }

    @Test
    void singlePeriodWithTrailingBaselineIsOkWithNoBaseline() {
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(28, BaselineStatistic.MEAN),
                new Tolerance.Relative(0.1), 1, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, List.of(period(0, 0.01, PLENTY)));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.NO_BASELINE);
        assertThat(evaluation.consecutiveBreaches()).isZero();
        assertThat(evaluation.state()).isEqualTo(RuleState.OK);
    }

    @Test
    void aboveWithAbsoluteTolerance() {
        // Fixed 100, absolute 5, ABOVE: threshold = 100 + 5 = 105; 106 > 105 BREACH, 105 equal → WITHIN,
        // 104 → WITHIN, 120 → BREACH; N = 1 → the last breach alone fires
        RuleSpec spec = new RuleSpec(Comparison.ABOVE, new Baseline.Fixed(100), new Tolerance.Absolute(5), 1, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, 106, 105, 104, 120));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.WITHIN, Verdict.WITHIN,
                Verdict.BREACH);
        assertThat(evaluation.verdicts()).extracting(PeriodVerdict::threshold).containsOnly(105.0);
        assertThat(evaluation.consecutiveBreaches()).isEqualTo(1);
        assertThat(evaluation.state()).isEqualTo(RuleState.FIRING);
    }

    @Test
    void valueEqualToThresholdIsWithinForBelow() {
        // Fixed 8, relative 0.25: allowance 0.25 × 8 = 2, threshold 8 - 2 = 6 (exact in binary);
        // 6 < 6? no → WITHIN; 5.5 < 6 → BREACH
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Fixed(8), new Tolerance.Relative(0.25), 2, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, 6, 5.5));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.WITHIN, Verdict.BREACH);
        assertThat(evaluation.verdicts().get(0).threshold()).isEqualTo(6.0);
        assertThat(evaluation.state()).isEqualTo(RuleState.PENDING);
    }

    @Test
    void relativeToleranceUsesMagnitudeOfNegativeBaseline() {
        // Fixed -10, relative 0.1: allowance 0.1 × |-10| = 1; BELOW threshold -10 - 1 = -11;
        // -11.5 < -11 → BREACH, -10.5 → WITHIN
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Fixed(-10), new Tolerance.Relative(0.1), 2, 1);

        Evaluation evaluation = RuleEvaluator.evaluate(spec, days(PLENTY, -11.5, -10.5));

        assertThat(verdictsOf(evaluation)).containsExactly(Verdict.BREACH, Verdict.WITHIN);
        assertThat(evaluation.verdicts().get(0).threshold()).isCloseTo(-11.0, EPSILON);
    }

    @Test
    void equalStartsAreRejected() {
        List<PeriodValue> periods = List.of(period(0, 0.025, PLENTY), period(0, 0.025, PLENTY));

        assertThatThrownBy(() -> RuleEvaluator.evaluate(CTR_RULE, periods))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing")
                .hasMessageContaining("index 1");
    }

    @Test
    void decreasingStartsAreRejected() {
        List<PeriodValue> periods = List.of(period(0, 0.025, PLENTY), period(2, 0.025, PLENTY),
                period(1, 0.025, PLENTY));

        assertThatThrownBy(() -> RuleEvaluator.evaluate(CTR_RULE, periods))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing")
                .hasMessageContaining("index 2");
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> RuleEvaluator.evaluate(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec");
        assertThatThrownBy(() -> RuleEvaluator.evaluate(CTR_RULE, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("periods");
    }

    private static List<PeriodValue> twentyEightThenFive(double usual, int outlierDay, double low) {
        List<PeriodValue> periods = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            periods.add(period(i, i == outlierDay ? 0.40 : usual, PLENTY));
        }
        for (int i = 28; i < 33; i++) {
            periods.add(period(i, low, PLENTY));
        }
        return periods;
    }

    private static List<PeriodValue> days(long samples, double... values) {
        List<PeriodValue> periods = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            periods.add(period(i, values[i], samples));
        }
        return periods;
    }

    private static PeriodValue period(int day, double value, long samples) {
        return new PeriodValue(day(day), value, samples);
    }

    private static Instant day(int day) {
        return FIRST_DAY.plus(day, ChronoUnit.DAYS);
    }

    private static List<Verdict> verdictsOf(Evaluation evaluation) {
        return evaluation.verdicts().stream().map(PeriodVerdict::verdict).toList();
    }
}
