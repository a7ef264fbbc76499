package io.refinery.metrics.performance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.refinery.platform.problem.UnprocessableProblem;

class EstimatorFitTest {

    private static final EstimatorSettings SETTINGS = new EstimatorSettings("loans", Instant.parse("2026-11-01T00:00:00Z"),
            Instant.parse("2026-11-08T00:00:00Z"), 0.5, "true", CalibrationMethod.ISOTONIC, 0.95);

    /** One day of an overconfident model: true probability sigmoid(2x), score sigmoid(4x); every third row unlabelled. */
    private static ScoredRows day(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[n];
        byte[] outcomes = new byte[n];
        for (int i = 0; i < n; i++) {
            double x = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            scores[i] = 1 / (1 + Math.exp(-4 * x));
            boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-2 * x));
            outcomes[i] = i % 3 == 2 ? (byte) -1 : positive ? (byte) 1 : (byte) 0;
        }
        return new ScoredRows(scores, outcomes);
    }

    @Test
    void aWeekOfLabelledDaysGivesACalibrationItsCheckAndTheReferenceRanges() {
        List<ScoredRows> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            days.add(day(d, 600));
        }
        EstimatorModel model = EstimatorFit.fit(SETTINGS, days, 200);

        assertThat(model.referenceRows()).isEqualTo(4200);
        assertThat(model.referenceLabelled()).isEqualTo(2800);
        assertThat(model.referenceDays()).isEqualTo(7);
        assertThat(model.check().eceAfter()).isLessThan(model.check().eceBefore());
        assertThat(model.calibration().method()).isEqualTo(CalibrationMethod.ISOTONIC);
        assertThat(model.referenceRanges().get(PerformanceMetric.ACCURACY).mean()).isBetween(0.7, 0.85);
        assertThat(model.referenceRanges().get(PerformanceMetric.ACCURACY).std()).isPositive();
        assertThat(model.samplingErrors()).containsOnlyKeys(PerformanceMetric.values());
    }

    @Test
    void tooFewLabelledPredictionsOrOneClassAreRefusedOnTheReference() {
        assertThatThrownBy(() -> EstimatorFit.fit(SETTINGS, List.of(day(1, 150)), 200))
                .isInstanceOfSatisfying(UnprocessableProblem.class, p -> assertThat(p.issues().get(0).message())
                        .contains("100 labelled predictions").contains("at least 200"));
        ScoredRows allPositive = new ScoredRows(new double[] {0.9, 0.8, 0.7, 0.6}, new byte[] {1, 1, 1, 1});
        assertThatThrownBy(() -> EstimatorFit.fit(SETTINGS, List.of(allPositive), 2))
                .isInstanceOfSatisfying(UnprocessableProblem.class, p -> assertThat(p.issues().get(0).message())
                        .contains("all of one class"));
    }
}
