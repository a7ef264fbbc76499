package io.refinery.metrics.performance.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code reference/performance/cbpe-reference.py} (scikit-learn 1.2.1 {@code
 * IsotonicRegression(out_of_bounds='clip', increasing=True, y_min=0, y_max=1)} and {@code
 * sklearn.calibration._sigmoid_calibration}; numpy 1.24.2, scipy 1.10.1), fitted on {@code cbpe-reference.csv}.
 */
class CalibrationsTest {

    private static final CbpeData REF = CbpeData.REFERENCE;
    private static final double[] PROBE = { 0.0, 0.000001, 0.01, 0.05, 0.2, 0.35, 0.5, 0.5003, 0.65, 0.8, 0.97,
            0.999999, 1.0 };

    @Test
    void isotonicMatchesScikitLearnsThresholdsAndPredictions() {
        IsotonicCalibration iso = (IsotonicCalibration) Calibrations.fit(CalibrationMethod.ISOTONIC, REF.scores(),
                REF.labels());
        assertThat(iso.method()).isEqualTo(CalibrationMethod.ISOTONIC);
        // X_thresholds_ and y_thresholds_
        assertThat(iso.thresholds()).hasSize(50);
        assertThat(Arrays.stream(iso.thresholds()).sum()).isCloseTo(23.141640999999996, within(1e-12));
        assertThat(Arrays.stream(iso.values()).sum()).isCloseTo(22.171741431234175, within(1e-12));
        assertThat(iso.thresholds()[0]).isEqualTo(0.0);
        assertThat(iso.values()[0]).isEqualTo(0.03125);
        assertThat(iso.thresholds()[49]).isEqualTo(1.0);
        assertThat(iso.values()[49]).isEqualTo(1.0);
        double[] expected = { 0.03125, 0.03125, 0.14285714285714285, 0.17703349282296652, 0.2676056338028169,
                0.4396551724137931, 0.48260869565217385, 0.48260869565217385, 0.48333333333333334, 0.6457142857142857,
                0.8313253012048193, 1.0, 1.0 };
        double[] actual = iso.calibrate(PROBE);
        for (int i = 0; i < PROBE.length; i++) {
            assertThat(actual[i]).as("score %s", PROBE[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void isotonicPoolsEqualScoresThenViolatorsAndClipsOutsideTheRange() {
        double[] scores = { 0.5, 0.2, 0.5, 0.9, 0.5, 0.7, 0.3 };
        boolean[] labels = { true, false, false, true, false, false, true };
        IsotonicCalibration iso = (IsotonicCalibration) Calibrations.fit(CalibrationMethod.ISOTONIC, scores, labels);
        // scikit-learn: X_thresholds_ [0.2, 0.3, 0.7, 0.9], y_thresholds_ [0, 0.4, 0.4, 1]
        assertThat(iso.thresholds()).containsExactly(0.2, 0.3, 0.7, 0.9);
        assertThat(iso.values()).containsExactly(0.0, 0.4, 0.4, 1.0);
        // predict([0, 0.25, 0.6, 0.8, 1]) = [0, 0.2, 0.4, 0.7000000000000002, 1]
        assertThat(iso.calibrate(new double[] { 0.0, 0.25, 0.6, 0.8, 1.0 }))
                .containsExactly(0.0, 0.2, 0.4, 0.7000000000000002, 1.0);
        assertThat(iso.calibrate(Double.NaN)).isNaN();
    }

    @Test
    void isotonicRecordValidatesCopiesAndComparesByContent() {
        double[] t = { 0.1, 0.5, 0.9 };
        double[] v = { 0.0, 0.5, 1.0 };
        IsotonicCalibration iso = new IsotonicCalibration(t, v);
        t[0] = 0.4;
        iso.thresholds()[1] = 0.7;
        assertThat(iso.thresholds()).containsExactly(0.1, 0.5, 0.9);
        assertThat(iso).isEqualTo(new IsotonicCalibration(new double[] { 0.1, 0.5, 0.9 }, v))
                .hasSameHashCodeAs(new IsotonicCalibration(new double[] { 0.1, 0.5, 0.9 }, v));
        assertThat(new IsotonicCalibration(new double[] { 0.3 }, new double[] { 0.25 }).calibrate(0.9))
                .isEqualTo(0.25);
        assertThatThrownBy(() -> new IsotonicCalibration(new double[] { 0.5, 0.4 }, new double[] { 0, 1 }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thresholds must be finite and strictly increasing, thresholds[1] was 0.4");
        assertThatThrownBy(() -> new IsotonicCalibration(new double[] { 0.4, 0.5 }, new double[] { 0.6, 0.5 }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values must be in [0, 1] and non-decreasing, values[1] was 0.5");
        assertThatThrownBy(() -> new IsotonicCalibration(new double[] { 0.4 }, new double[] { 0.6, 0.5 }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("thresholds and values must be non-empty and of equal length, had 1 and 2");
    }

    @Test
    void plattMatchesScikitLearnsSigmoidCalibration() {
        PlattCalibration platt = (PlattCalibration) Calibrations.fit(CalibrationMethod.PLATT, REF.scores(),
                REF.labels());
        assertThat(platt.method()).isEqualTo(CalibrationMethod.PLATT);
        // _sigmoid_calibration (BFGS, gtol 1e-5)
        assertThat(platt.a()).isCloseTo(-3.168466761822931, within(1e-6));
        assertThat(platt.b()).isCloseTo(1.7328164050124615, within(1e-6));
        // the same objective's optimum: sklearn's a, b polished by Newton steps in numpy
        assertThat(platt.a()).isCloseTo(-3.1684667568012412, within(1e-9));
        assertThat(platt.b()).isCloseTo(1.7328163981120277, within(1e-9));
        double[] expected = { 0.15022768596176128, 0.15022809044654756, 0.15431751236526697, 0.17159102777295782,
                0.2499042450882924, 0.34890564716892974, 0.46292243317345333, 0.46315876974073283,
                0.5809530537302993, 0.690392948259565, 0.7925879948577736, 0.8077796887423669, 0.8077801807149904 };
        double[] actual = platt.calibrate(PROBE);
        for (int i = 0; i < PROBE.length; i++) {
            assertThat(actual[i]).as("score %s", PROBE[i]).isCloseTo(expected[i], within(1e-9));
        }
        assertThat(new PlattCalibration(platt.a(), platt.b())).isEqualTo(platt);
        assertThatThrownBy(() -> new PlattCalibration(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a and b must be finite, were NaN and 0.0");
    }

    @Test
    void plattSurvivesSeparableLabels() {
        double[] scores = { 0.1, 0.2, 0.3, 0.7, 0.8, 0.9 };
        boolean[] labels = { false, false, false, true, true, true };
        PlattCalibration platt = (PlattCalibration) Calibrations.fit(CalibrationMethod.PLATT, scores, labels);
        // the smoothed targets (1/5 and 4/5 here) keep the optimum finite
        assertThat(platt.a()).isFinite().isNegative();
        assertThat(platt.calibrate(0.9)).isGreaterThan(0.5).isLessThan(1);
        assertThat(platt.calibrate(0.1)).isLessThan(0.5).isGreaterThan(0);
    }

    @Test
    void noneIsTheIdentityClippedToTheUnitInterval() {
        Calibration none = Calibrations.fit(CalibrationMethod.NONE, REF.scores(), REF.labels());
        assertThat(none).isSameAs(IdentityCalibration.INSTANCE);
        assertThat(none.method()).isEqualTo(CalibrationMethod.NONE);
        assertThat(none.calibrate(new double[] { -0.5, 0.3, 1.5 })).containsExactly(0.0, 0.3, 1.0);
        assertThat(none.calibrate(Double.NaN)).isNaN();
    }

    @Test
    void refusesWhatCannotBeFitted() {
        for (CalibrationMethod method : CalibrationMethod.values()) {
            assertThatThrownBy(() -> Calibrations.fit(method, new double[] { 0.4 }, new boolean[] { true }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("calibration needs at least 2 labelled rows, had 1");
            assertThatThrownBy(() -> Calibrations.fit(method, new double[] { 0.4, 0.6 }, new boolean[] { true, true }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("calibration needs both classes in labels, had only positives");
            assertThatThrownBy(() -> Calibrations.fit(method, new double[] { 0.4, 0.6 }, new boolean[] { true }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("labels has 1 rows but scores has 2");
            assertThatThrownBy(
                    () -> Calibrations.fit(method, new double[] { 0.4, Double.NaN }, new boolean[] { true, false }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("scores[1] must be in [0, 1], was NaN");
            assertThatThrownBy(() -> Calibrations.fit(method, new double[] { 1.5, 0.2 }, new boolean[] { true, false }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("scores[0] must be in [0, 1], was 1.5");
        }
    }
}
