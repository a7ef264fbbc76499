package io.refinery.metrics.drift.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class JointRowsTest {

    private static BottomKSample sample(int capacity, long[] priorities, double[] values) {
        BottomKSample s = BottomKSample.empty(capacity);
        s.offerAll(priorities, values, priorities.length);
        return s;
    }

    @Test
    void rowsAreTheSamplesEveryFeatureKept() {
        // Samples 1..5 with row priorities 10..50; sample 3 lacks feature b.
        BottomKSample a = sample(10, new long[] {30, 10, 50, 20, 40}, new double[] {3, 1, 5, 2, 4});
        BottomKSample b = sample(10, new long[] {10, 20, 40, 50}, new double[] {-1, -2, -4, -5});

        assertThat(JointRows.join(List.of(a, b))).isDeepEqualTo(new double[][] {
            {1, -1}, {2, -2}, {4, -4}, {5, -5}});
    }

    @Test
    void aFullSampleBoundsTheRowsToItsSmallestPriorities() {
        // Feature b keeps only its 2 smallest priorities; rows beyond them are incomplete in the store and left out.
        BottomKSample a = sample(10, new long[] {10, 20, 30, 40}, new double[] {1, 2, 3, 4});
        BottomKSample b = sample(2, new long[] {40, 30, 20, 10}, new double[] {-4, -3, -2, -1});

        assertThat(JointRows.join(List.of(a, b))).isDeepEqualTo(new double[][] {{1, -1}, {2, -2}});
    }

    @Test
    void theRowPriorityIsTheSameForEveryFeatureOfASample() {
        assertThat(SampleHash.rowPriority("shop", "s-1")).isEqualTo(SampleHash.priority("shop", "s-1", ""))
                .isNotEqualTo(SampleHash.priority("shop", "s-1", "price"))
                .isNotEqualTo(SampleHash.rowPriority("shop", "s-2"));
    }

    @Test
    void oneFeatureAtLeast() {
        assertThatThrownBy(() -> JointRows.join(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
