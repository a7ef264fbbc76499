package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Streams: {@link ErrorStreams#binary}, 0/1 errors from {@code SplittableRandom(seed)} for seeds 1 to 200. Measured
 * with the defaults: no detection at a stationary 0.1; after a jump from 0.1 to 0.3 following 5,000 values, detection
 * after 96 to 352 values (median 224; seed 1: 178).
 */
class PageHinkleyTest {

    private static final int SEEDS = 200;
    private static final int BEFORE = 5_000;
    private static final int DETECTS_WITHIN = 400;

    @Test
    void stationaryErrorRateIsNotDrift() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] errors = ErrorStreams.binary(seed, BEFORE, 0.1, 0, 0);

            assertThat(ErrorStreams.detections(new PageHinkley(), errors)).as("seed %d", seed).isZero();
        }
    }

    @Test
    void jumpFromTenToThirtyPercentIsDetectedWithin400Values() {
        List<Integer> delays = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] errors = ErrorStreams.binary(seed, BEFORE, 0.1, 1_000, 0.3);

            PageHinkley detector = new PageHinkley();
            delays.add(ErrorStreams.delayAfter(detector, errors, BEFORE));
        }

        Collections.sort(delays);
        assertThat(delays.get(0)).as("no detection missed or early").isPositive();
        assertThat(delays.get(delays.size() - 1)).isLessThanOrEqualTo(DETECTS_WITHIN);
        assertThat(delays.get(delays.size() / 2)).isEqualTo(224); // the median measured, see the class comment
    }

    @Test
    void resetsAfterADetection() {
        double[] errors = ErrorStreams.binary(1, BEFORE, 0.1, 1_000, 0.3);
        PageHinkley detector = new PageHinkley();

        assertThat(ErrorStreams.delayAfter(detector, errors, BEFORE)).isEqualTo(178);
        assertThat(detector.state()).isEqualTo(PageHinkley.State.INITIAL);
    }

    @Test
    void aFallingErrorIsNotDrift() {
        double[] errors = ErrorStreams.binary(7, BEFORE, 0.3, 5_000, 0.05);

        assertThat(ErrorStreams.detections(new PageHinkley(), errors)).isZero();
    }

    @Test
    void restoredFromItsStateItCarriesOnIdentically() {
        double[] errors = ErrorStreams.binary(3, BEFORE, 0.1, 1_000, 0.3);
        PageHinkley uninterrupted = new PageHinkley();
        PageHinkley beforeRestart = new PageHinkley();
        for (int i = 0; i < BEFORE; i++) {
            uninterrupted.update(errors[i]);
            beforeRestart.update(errors[i]);
        }

        PageHinkley.State saved = beforeRestart.state();
        PageHinkley restored = new PageHinkley(PageHinkley.Parameters.DEFAULTS, saved);

        assertThat(restored.state()).isEqualTo(saved);
        for (int i = BEFORE; i < errors.length; i++) {
            assertThat(restored.update(errors[i])).isEqualTo(uninterrupted.update(errors[i]));
            assertThat(restored.state()).isEqualTo(uninterrupted.state());
        }
    }

    @Test
    void followsTheDefinitionStepByStep() {
        // minInstances 3, delta 0.1, lambda 1, alpha 1: values 0, 0, 2, 2
        // t=1: mean 0,   m = 0 - 0 - 0.1 = -0.1,                 M = -0.1
        // t=2: mean 0,   m = -0.1 + (0 - 0 - 0.1) = -0.2,        M = -0.2
        // t=3: mean 2/3, m = -0.2 + (2 - 2/3 - 0.1) = 1.0333,    M = -0.2, m - M = 1.2333 > 1 → drift
        PageHinkley detector = new PageHinkley(new PageHinkley.Parameters(3, 0.1, 1, 1));

        assertThat(detector.update(0)).isFalse();
        assertThat(detector.update(0)).isFalse();
        assertThat(detector.state()).isEqualTo(new PageHinkley.State(2, 0, -0.2, -0.2));
        assertThat(detector.update(2)).isTrue();
        assertThat(detector.state()).isEqualTo(PageHinkley.State.INITIAL);
    }

    @Test
    void needsMinInstancesBeforeDetecting() {
        // same values with minInstances 4: at t=3 m - M = 1.2333 > 1 but t < 4; t=4: mean 1, m = 1.0333 + 0.9 = 1.9333
        PageHinkley detector = new PageHinkley(new PageHinkley.Parameters(4, 0.1, 1, 1));

        assertThat(detector.update(0)).isFalse();
        assertThat(detector.update(0)).isFalse();
        assertThat(detector.update(2)).isFalse();
        assertThat(detector.update(2)).isTrue();
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> new PageHinkley().update(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageHinkley.Parameters(0, 0.005, 50, 0.9999))
                .hasMessageContaining("minInstances");
        assertThatThrownBy(() -> new PageHinkley.Parameters(30, -1, 50, 0.9999)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new PageHinkley.Parameters(30, 0.005, 0, 0.9999)).hasMessageContaining("lambda");
        assertThatThrownBy(() -> new PageHinkley.Parameters(30, 0.005, 50, 1.1)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new PageHinkley.State(1, 0, -1, 0)).hasMessageContaining("minimumSum");
    }
}
