package io.refinery.metrics.drift.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WindowSampleTest {

    /** A day of {@code seen} values all equal to {@code value}, sampled into {@code capacity}. */
    private static BottomKSample day(String name, int seen, double value, int capacity) {
        BottomKSample sample = BottomKSample.empty(capacity);
        long[] priorities = new long[seen];
        double[] values = new double[seen];
        for (int i = 0; i < seen; i++) {
            priorities[i] = SampleHash.priority("s", name + "-" + i, "f");
            values[i] = value;
        }
        sample.offerAll(priorities, values, seen);
        return sample;
    }

    @Test
    void everyDayContributesAtTheLowestSamplingRateSoBusyDaysWeighMore() {
        BottomKSample busy = day("busy", 100_000, 1.0, 1_000); // rate 0.01
        BottomKSample quiet = day("quiet", 1_000, 0.0, 1_000); // rate 1
        double[] window = WindowSample.numerical(List.of(busy, quiet), 1_000_000);
        assertThat(window).hasSize(1_010);
        double busyShare = Arrays.stream(window).sum() / window.length;
        assertThat(busyShare).isCloseTo(100_000.0 / 101_000, within(1e-12));
    }

    @Test
    void theWindowIsCappedAtMaxValuesInProportion() {
        double[] window = WindowSample.numerical(List.of(day("a", 3_000, 1.0, 3_000), day("b", 1_000, 0.0, 1_000)), 400);
        assertThat(window).hasSize(400);
        assertThat(Arrays.stream(window).sum()).isEqualTo(300);
        assertThat(WindowSample.numerical(List.of(), 10)).isEmpty();
        assertThat(WindowSample.numerical(List.of(BottomKSample.empty(5)), 10)).isEmpty();
    }

    @Test
    void categoriesAreSummedOverDaysAndScaledDownPastMaxValues() {
        String[] labels = WindowSample.categorical(List.of(Map.of("a", 2L, "b", 1L), Map.of("a", 1L, "c", 4L)), 100);
        assertThat(labels).containsExactly("a", "a", "a", "b", "c", "c", "c", "c");
        String[] scaled = WindowSample.categorical(List.of(Map.of("x", 3_000L, "y", 1_000L)), 400);
        assertThat(scaled).hasSize(400);
        assertThat(Arrays.stream(scaled).filter("x"::equals).count()).isEqualTo(300);
        assertThat(WindowSample.categorical(List.of(), 10)).isEmpty();
    }

    @Test
    void meanShiftIsInReferenceStandardDeviations() {
        // Reference mean 2, population sd 1 (values 1 and 3); current mean 2.5.
        assertThat(WindowSample.meanShift(new double[] {1, 3}, new double[] {2, 3})).isCloseTo(0.5, within(1e-12));
        assertThat(WindowSample.meanShift(new double[] {1, 3}, new double[] {0})).isCloseTo(-2, within(1e-12));
        assertThat(WindowSample.meanShift(new double[] {4, 4}, new double[] {5})).isNull();
        assertThat(WindowSample.meanShift(new double[0], new double[] {5})).isNull();
    }
}
