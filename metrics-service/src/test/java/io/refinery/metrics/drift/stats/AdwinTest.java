package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Streams: {@link ErrorStreams#binary}, 0/1 errors from {@code SplittableRandom(seed)} for seeds 1 to 200. Measured
 * with the defaults: no drift at a stationary 0.1; after a jump from 0.1 to 0.3 following 5,000 values, drift after
 * 56 to 248 values (median 120; seed 1: 88). The cut test runs every 32 values, so delays come in steps of 32.
 */
class AdwinTest {

    private static final int SEEDS = 200;
    private static final int BEFORE = 5_000;
    private static final int DETECTS_WITHIN = 256;

    @Test
    void stationaryErrorRateIsNotDrift() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] errors = ErrorStreams.binary(seed, BEFORE, 0.1, 0, 0);
            Adwin detector = new Adwin();

            assertThat(ErrorStreams.detections(detector, errors)).as("seed %d", seed).isZero();
        }
    }

    @Test
    void jumpFromTenToThirtyPercentIsDetectedWithin256Values() {
        List<Integer> delays = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            double[] errors = ErrorStreams.binary(seed, BEFORE, 0.1, 1_000, 0.3);

            delays.add(ErrorStreams.delayAfter(new Adwin(), errors, BEFORE));
        }

        Collections.sort(delays);
        assertThat(delays.get(0)).as("no detection missed or early").isPositive();
        assertThat(delays.get(delays.size() - 1)).isLessThanOrEqualTo(DETECTS_WITHIN);
        assertThat(delays.get(delays.size() / 2)).isEqualTo(120); // the median measured, see the class comment
    }

    @Test
    void aDetectionDropsTheValuesFromBeforeTheChange() {
        double[] errors = ErrorStreams.binary(1, BEFORE, 0.1, 1_000, 0.3);
        Adwin detector = new Adwin();

        assertThat(ErrorStreams.delayAfter(detector, errors, BEFORE)).isEqualTo(88);
        // of the 5,088 values it keeps 224: the 88 new ones and the newest old ones, too few to differ significantly
        // from them (ADWIN cuts only while the split is significant)
        assertThat(detector.width()).isEqualTo(224);
        assertThat(detector.mean()).isGreaterThan(0.15);
    }

    @Test
    void aFallingErrorShrinksTheWindowButIsNotDrift() {
        double[] errors = ErrorStreams.binary(7, BEFORE, 0.3, 2_000, 0.05);
        Adwin detector = new Adwin();

        assertThat(ErrorStreams.detections(detector, errors)).isZero();
        assertThat(detector.width()).isLessThan(2_100);
        assertThat(detector.mean()).isLessThan(0.1);
    }

    @Test
    void absoluteErrorsWork() {
        // |N(0, 1)| errors (mean 0.80), then |N(0, 1)| * 1.5 (mean 1.20)
        SplittableRandom random = new SplittableRandom(11);
        Adwin detector = new Adwin();
        for (int i = 0; i < BEFORE; i++) {
            assertThat(detector.update(Math.abs(random.nextGaussian()))).as("value %d", i).isFalse();
        }
        int delay = -1;
        for (int i = 1; i <= 1_000 && delay < 0; i++) {
            if (detector.update(1.5 * Math.abs(random.nextGaussian()))) {
                delay = i;
            }
        }
        assertThat(delay).isBetween(1, 300);
    }

    @Test
    void windowStatisticsMatchTheValuesItHolds() {
        // whatever the histogram merged or dropped, width / total / variance describe exactly the last width values
        double[] errors = ErrorStreams.binary(5, BEFORE, 0.1, 1_000, 0.4);
        Adwin detector = new Adwin();
        for (double error : errors) {
            detector.update(error);
        }

        AdwinState state = detector.state();
        int from = (int) (errors.length - state.width());
        double sum = 0;
        for (int i = from; i < errors.length; i++) {
            sum += errors[i];
        }
        double mean = sum / state.width();
        double squares = 0;
        for (int i = from; i < errors.length; i++) {
            squares += (errors[i] - mean) * (errors[i] - mean);
        }
        assertThat(state.total()).isCloseTo(sum, within(1e-9));
        assertThat(state.variance()).isCloseTo(squares, within(1e-6));
        assertThat(state.buckets().stream().mapToDouble(AdwinBucket::total).sum()).isCloseTo(sum, within(1e-9));
    }

    @Test
    void histogramKeepsAtMostFiveBucketsPerSize() {
        Adwin detector = new Adwin();
        for (int i = 0; i < 1_000; i++) {
            detector.update(i % 2);
        }

        AdwinState state = detector.state();
        assertThat(state.width()).isEqualTo(1_000);
        assertThat(state.buckets()).hasSizeLessThanOrEqualTo(5 * 10); // 10 sizes (1 to 512) for 1,000 values
        state.buckets().stream().collect(java.util.stream.Collectors.groupingBy(AdwinBucket::size))
                .forEach((size, buckets) -> assertThat(buckets).as("size %d", size).hasSizeLessThanOrEqualTo(5));
    }

    @Test
    void restoredFromItsStateItCarriesOnIdentically() {
        double[] errors = ErrorStreams.binary(3, BEFORE, 0.1, 1_000, 0.3);
        Adwin uninterrupted = new Adwin();
        Adwin beforeRestart = new Adwin();
        for (int i = 0; i < 4_321; i++) {
            uninterrupted.update(errors[i]);
            beforeRestart.update(errors[i]);
        }

        AdwinState saved = beforeRestart.state();
        Adwin restored = new Adwin(AdwinParameters.DEFAULTS, saved);

        assertThat(restored.state()).isEqualTo(saved);
        for (int i = 4_321; i < errors.length; i++) {
            assertThat(restored.update(errors[i])).isEqualTo(uninterrupted.update(errors[i]));
        }
        assertThat(restored.state()).isEqualTo(uninterrupted.state());
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> new Adwin().update(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdwinParameters(0, 32, 5, 5)).hasMessageContaining("delta");
        assertThatThrownBy(() -> new AdwinBucket(3, 1, 0)).hasMessageContaining("power of 2");
        assertThatThrownBy(() -> new AdwinState(0, 3, 1, 0, List.of(new AdwinBucket(1, 1, 0))))
                .hasMessageContaining("width");
        assertThatThrownBy(() -> new AdwinState(0, 3, 1, 0, List.of(new AdwinBucket(1, 1, 0),
                new AdwinBucket(2, 0, 0)))).hasMessageContaining("oldest");
        List<AdwinBucket> six = Collections.nCopies(6, new AdwinBucket(1, 0, 0));
        assertThatThrownBy(() -> new Adwin(AdwinParameters.DEFAULTS, new AdwinState(6, 6, 0, 0, six)))
                .hasMessageContaining("more than 5 buckets");
    }
}
