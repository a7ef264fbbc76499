package io.refinery.metrics.performance.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/performance/cbpe-reference.py} on {@code cbpe-reference.csv}: the ECE and bins by
 * numpy, {@code brier_score_loss} and the out-of-fold calibrations (5 folds, row i in fold i mod 5) by scikit-learn
 * 1.2.1 (isotonic: {@code IsotonicRegression}; Platt: {@code _sigmoid_calibration} polished to its optimum by Newton
 * steps).
 */
class CalibrationCheckTest {

    private static final CbpeData REF = CbpeData.REFERENCE;

    @Test
    void isotonicOutOfFoldHelpsTheOverconfidentScores() {
        CalibrationCheck check = CalibrationCheck.of(CalibrationMethod.ISOTONIC, REF.scores(), REF.labels(), 5);
        assertThat(check.eceBefore()).isCloseTo(0.11764974499999996, within(1e-12));
        assertThat(check.brierBefore()).isCloseTo(0.195334869037062, within(1e-12));
        assertThat(check.eceAfter()).isCloseTo(0.0243271029750827, within(1e-12));
        assertThat(check.brierAfter()).isCloseTo(0.18148137520387803, within(1e-12));
        assertThat(check.calibrationHelps()).isTrue();
    }

    @Test
    void plattOutOfFold() {
        CalibrationCheck check = CalibrationCheck.of(CalibrationMethod.PLATT, REF.scores(), REF.labels(), 5);
        assertThat(check.eceBefore()).isCloseTo(0.11764974499999996, within(1e-12));
        assertThat(check.eceAfter()).isCloseTo(0.040934171050273124, within(1e-9));
        assertThat(check.brierAfter()).isCloseTo(0.1842701181103357, within(1e-9));
        assertThat(check.calibrationHelps()).isTrue();
    }

    @Test
    void noneComparesTheScoresWithThemselves() {
        CalibrationCheck check = CalibrationCheck.of(CalibrationMethod.NONE, REF.scores(), REF.labels(), 5);
        assertThat(check.eceAfter()).isEqualTo(check.eceBefore());
        assertThat(check.brierAfter()).isEqualTo(check.brierBefore());
        assertThat(check.calibrationHelps()).isFalse();
    }

    @Test
    void reliabilityBinsOfTheRawScores() {
        CalibrationCheck check = CalibrationCheck.of(CalibrationMethod.ISOTONIC, REF.scores(), REF.labels(), 5);
        int[] count = { 628, 204, 146, 121, 120, 86, 113, 125, 154, 303 };
        double[] mean = { 0.03322829936305732, 0.14488545588235294, 0.2453952602739726, 0.3458896115702479,
                0.4447692416666667, 0.5445387093023256, 0.6472810442477875, 0.7522010079999999, 0.8503281168831169,
                0.9598264422442243 };
        double[] rate = { 0.14012738853503184, 0.2647058823529412, 0.3356164383561644, 0.4132231404958678, 0.5,
                0.46511627906976744, 0.4778761061946903, 0.584, 0.6233766233766234, 0.8481848184818482 };
        assertThat(check.bins()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            ReliabilityBin bin = check.bins().get(i);
            assertThat(bin.lower()).isEqualTo(i / 10.0);
            assertThat(bin.upper()).isEqualTo((i + 1) / 10.0);
            assertThat(bin.count()).isEqualTo(count[i]);
            assertThat(bin.meanScore()).isCloseTo(mean[i], within(1e-12));
            assertThat(bin.observedRate()).isCloseTo(rate[i], within(1e-15));
        }
    }

    @Test
    void binsAreHalfOpenWithOneInTheLastAndEmptyOnesSkipped() {
        double[] p = { 0.1, 0.0999, 1.0, 0.95 };
        boolean[] y = { true, false, true, false };
        assertThat(CalibrationCheck.reliabilityBins(p, y)).containsExactly(
                new ReliabilityBin(0.0, 0.1, 1, 0.0999, 0.0), new ReliabilityBin(0.1, 0.2, 1, 0.1, 1.0),
                new ReliabilityBin(0.9, 1.0, 2, (1.0 + 0.95) / 2, 0.5));
        // ECE = 1/4·0.0999 + 1/4·0.9 + 2/4·0.475
        assertThat(CalibrationCheck.expectedCalibrationError(p, y)).isCloseTo(
                0.25 * 0.0999 + 0.25 * 0.9 + 0.5 * 0.475, within(1e-15));
        assertThat(CalibrationCheck.brierScore(new double[] { 0.2, 0.7 }, new boolean[] { false, true }))
                .isCloseTo((0.04 + 0.09) / 2, within(1e-15));
    }

    @Test
    void refusesFoldsItCannotUse() {
        assertThatThrownBy(() -> CalibrationCheck.of(CalibrationMethod.ISOTONIC, REF.scores(), REF.labels(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("folds must be between 2 and the number of rows (2000), was 1");
        double[] s = { 0.1, 0.9, 0.2, 0.8 };
        boolean[] y = { false, true, false, true };
        assertThatThrownBy(() -> CalibrationCheck.of(CalibrationMethod.PLATT, s, y, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the training rows of fold 0 (all rows i with i mod 2 ≠ 0) hold one class only; "
                        + "use fewer folds or more rows");
        assertThatThrownBy(() -> CalibrationCheck.of(CalibrationMethod.NONE, s, new boolean[4], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("calibration needs both classes in labels, had only negatives");
    }
}
