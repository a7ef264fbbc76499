package io.refinery.metrics.performance.estimation;

import static io.refinery.metrics.performance.estimation.PerformanceMetric.ACCURACY;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.F1;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.PRECISION;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.RECALL;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.ROC_AUC;
import static io.refinery.metrics.performance.estimation.PerformanceMetric.SPECIFICITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/performance/cbpe-reference.py}: the calibration fitted on {@code
 * cbpe-reference.csv} applied to {@code cbpe-analysis.csv}; the expected confusion matrix and metrics by a numpy
 * 1.24.2 transcription of NannyML's documented formulas, the estimated ROC AUC by scikit-learn 1.2.1 {@code
 * auc(roc_curve(y_true=[1…, 0…], y_score=[p, p], sample_weight=[p, 1 − p], drop_intermediate=False))} (checked in the
 * script against the direct threshold sum to 1e-12).
 */
class ConfidenceBasedEstimatorTest {

    private static final CbpeData REF = CbpeData.REFERENCE;
    private static final CbpeData ANALYSIS = CbpeData.ANALYSIS;

    private static Map<PerformanceMetric, Double> estimateWith(CalibrationMethod method) {
        Calibration calibration = Calibrations.fit(method, REF.scores(), REF.labels());
        return ConfidenceBasedEstimator.estimate(calibration.calibrate(ANALYSIS.scores()), ANALYSIS.predicted());
    }

    private static void assertMetrics(Map<PerformanceMetric, Double> actual, double tolerance, double... expected) {
        PerformanceMetric[] order = { ACCURACY, PRECISION, RECALL, SPECIFICITY, F1, ROC_AUC };
        assertThat(actual).hasSize(6);
        for (int i = 0; i < order.length; i++) {
            assertThat(actual.get(order[i])).as(order[i].key()).isCloseTo(expected[i], within(tolerance));
        }
    }

    @Test
    void isotonicEstimatesMatchTheReference() {
        double[] p = Calibrations.fit(CalibrationMethod.ISOTONIC, REF.scores(), REF.labels())
                .calibrate(ANALYSIS.scores());
        ConfusionExpectation c = ConfidenceBasedEstimator.expectedConfusion(p, ANALYSIS.predicted());
        assertThat(c.tp()).isCloseTo(309.97861022338975, within(1e-9));
        assertThat(c.fp()).isCloseTo(94.02138977661028, within(1e-9));
        assertThat(c.fn()).isCloseTo(51.54358329855155, within(1e-9));
        assertThat(c.tn()).isCloseTo(144.45641670144843, within(1e-9));
        assertThat(c.total()).isCloseTo(600, within(1e-9));
        assertMetrics(estimateWith(CalibrationMethod.ISOTONIC), 1e-12, 0.7573917115413971, 0.7672737876816578,
                0.8574262265992163, 0.6057436489996365, 0.8098487877856808, 0.8532405078220385);
    }

    @Test
    void plattAndUncalibratedEstimatesMatchTheReference() {
        assertMetrics(estimateWith(CalibrationMethod.PLATT), 1e-9, 0.7349607527317937, 0.7257514375729575,
                0.858749878850334, 0.571502017172298, 0.7866689066539568, 0.7747252135278029);
        assertMetrics(estimateWith(CalibrationMethod.NONE), 1e-12, 0.8546740366666667, 0.868738792079208,
                0.911288470325855, 0.7531943143915785, 0.8895050785648468, 0.931302240293303);
        // realized on the analysis period (scikit-learn): accuracy 0.7316666666666667, ROC AUC 0.8090947363497094;
        // calibrated estimates land far closer than the overconfident raw scores
        assertThat(Math.abs(estimateWith(CalibrationMethod.ISOTONIC).get(ACCURACY) - 0.7316666666666667))
                .isLessThan(Math.abs(estimateWith(CalibrationMethod.NONE).get(ACCURACY) - 0.7316666666666667));
    }

    @Test
    void rocAucOfHandComputableProbabilities() {
        // thresholds 0.8, 0.5 (twice), 0.2; Σp = 2, Σ(1 − p) = 2: points (0,0), (0.1,0.4), (0.6,0.9), (1,1)
        double area = 0.1 * 0.4 / 2 + 0.5 * (0.4 + 0.9) / 2 + 0.4 * (0.9 + 1) / 2;
        assertThat(ConfidenceBasedEstimator.estimateRocAuc(new double[] { 0.5, 0.2, 0.8, 0.5 }))
                .isCloseTo(area, within(1e-15));
        assertThat(ConfidenceBasedEstimator.estimateRocAuc(new double[] { 0.0, 0.0 })).isNaN();
        assertThat(ConfidenceBasedEstimator.estimateRocAuc(new double[] { 1.0, 1.0 })).isNaN();
        assertThat(ConfidenceBasedEstimator.estimateRocAuc(new double[0])).isNaN();
        assertThat(ConfidenceBasedEstimator.estimateRocAuc(new double[] { 1.0, 0.0 })).isEqualTo(1.0);
    }

    @Test
    void undefinedMetricsAreNaN() {
        Map<PerformanceMetric, Double> none = ConfidenceBasedEstimator.estimate(new double[0], new boolean[0]);
        assertThat(none.values()).allMatch(v -> v.isNaN());
        // every row predicted negative: no expected TP + FP, so precision is 0/0
        Map<PerformanceMetric, Double> negatives = ConfidenceBasedEstimator
                .estimate(new double[] { 0.2, 0.4 }, new boolean[] { false, false });
        assertThat(negatives.get(PRECISION)).isNaN();
        assertThat(negatives.get(ACCURACY)).isCloseTo(0.7, within(1e-15));
        assertThat(negatives.get(RECALL)).isEqualTo(0.0);
    }

    @Test
    void wellCalibratedScoresEstimateTheRealizedMetricsOnALargeSet() {
        SplittableRandom random = new SplittableRandom(20261208);
        int n = 200_000;
        double[] p = new double[n];
        boolean[] predicted = new boolean[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            double z = 1.5 * gaussian(random) - 0.3;
            p[i] = 1 / (1 + Math.exp(-z));
            labels[i] = random.nextDouble() < p[i];
            predicted[i] = p[i] >= 0.5;
        }
        Map<PerformanceMetric, Double> estimated = ConfidenceBasedEstimator.estimate(p, predicted);
        Map<PerformanceMetric, Double> realized = RealizedPerformance.of(p, predicted, labels);
        Map<PerformanceMetric, SamplingErrorComponent> errors = SamplingErrors.fit(p, predicted, labels);
        for (PerformanceMetric metric : PerformanceMetric.values()) {
            // within the band of 3 sampling errors (about 0.003 to 0.006 here)
            double band = errors.get(metric).upperBound(0, n);
            assertThat(estimated.get(metric)).as(metric.key()).isCloseTo(realized.get(metric), within(band));
        }
        // and the overconfident version of the same scores, calibrated on half the rows, estimates the other half
        double[] sharp = new double[n];
        for (int i = 0; i < n; i++) {
            sharp[i] = 1 / (1 + Math.exp(-3 * Math.log(p[i] / (1 - p[i]))));
        }
        int half = n / 2;
        Calibration iso = Calibrations.fit(CalibrationMethod.ISOTONIC, Arrays.copyOf(sharp, half),
                Arrays.copyOf(labels, half));
        double[] rest = Arrays.copyOfRange(sharp, half, n);
        boolean[] restPredicted = Arrays.copyOfRange(predicted, half, n);
        boolean[] restLabels = Arrays.copyOfRange(labels, half, n);
        double realizedAccuracy = RealizedPerformance.of(rest, restPredicted, restLabels).get(ACCURACY);
        double rawAccuracy = ConfidenceBasedEstimator.estimate(rest, restPredicted).get(ACCURACY);
        double calibratedAccuracy = ConfidenceBasedEstimator.estimate(iso.calibrate(rest), restPredicted)
                .get(ACCURACY);
        assertThat(rawAccuracy - realizedAccuracy).isGreaterThan(0.05);
        assertThat(calibratedAccuracy).isCloseTo(realizedAccuracy, within(0.01));
    }

    @Test
    void scoresShiftedTowardOneHalfLowerTheEstimatedAccuracy() {
        double[] p = new double[101];
        for (int i = 0; i <= 100; i++) {
            p[i] = i / 100.0;
        }
        boolean[] predicted = new boolean[p.length];
        double[] shrunk = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            predicted[i] = p[i] >= 0.5;
            shrunk[i] = 0.5 + 0.5 * (p[i] - 0.5);
        }
        double before = ConfidenceBasedEstimator.estimate(p, predicted).get(ACCURACY);
        double after = ConfidenceBasedEstimator.estimate(shrunk, predicted).get(ACCURACY);
        assertThat(after).isLessThan(before);
        // accuracy = mean(max(p, 1 − p)), and halving |p − 0.5| halves its excess over 0.5
        assertThat(after - 0.5).isCloseTo((before - 0.5) / 2, within(1e-12));
    }

    @Test
    void refusesInvalidInput() {
        assertThatThrownBy(() -> ConfidenceBasedEstimator.estimate(new double[] { 0.2, 0.3 }, new boolean[] { true }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predicted has 1 rows but probabilities has 2");
        assertThatThrownBy(() -> ConfidenceBasedEstimator.estimate(new double[] { 0.2, -0.1 }, new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probabilities[1] must be in [0, 1], was -0.1");
        assertThatThrownBy(() -> ConfidenceBasedEstimator.estimateRocAuc(new double[] { Double.NaN }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probabilities[0] must be in [0, 1], was NaN");
        assertThatThrownBy(() -> new ConfusionExpectation(1, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tp, fp, fn and tn must be finite and ≥ 0, were 1.0, -1.0, 0.0, 0.0");
    }

    static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
