package io.refinery.metrics.drift.stats;

import static io.refinery.metrics.drift.stats.DriftSamples.T1;
import static io.refinery.metrics.drift.stats.DriftSamples.T2;
import static io.refinery.metrics.drift.stats.DriftSamples.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryCountsTest {

    @Test
    void labelsAreCountedOverTheUnionInFirstSeenOrder() {
        CategoryCounts counts = CategoryCounts.ofLabels(
                new String[] {"red", "green", "red", "blue"}, new String[] {"blue", "yellow", "blue"});

        assertThat(counts.size()).isEqualTo(4); // red, green, blue, yellow
        assertThat(counts.reference()).containsExactly(2, 1, 1, 0);
        assertThat(counts.current()).containsExactly(0, 0, 2, 1);
        assertThat(counts.referenceTotal()).isEqualTo(4);
        assertThat(counts.currentTotal()).isEqualTo(3);
    }

    @Test
    void manyLabelsGrowTheTables() {
        String[] reference = new String[100];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = "c" + i;
        }

        CategoryCounts counts = CategoryCounts.ofLabels(reference, new String[] {"c99", "c99"});

        assertThat(counts.size()).isEqualTo(100);
        assertThat(counts.current()[99]).isEqualTo(2);
    }

    @Test
    void numericalValuesAreCategoriesInAscendingOrder() {
        // T1 = [1, 2, 2, 3, 3, 3, 4, 4, 5, 6], T2 = [2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 7]: categories 1..7
        CategoryCounts counts = CategoryCounts.ofValues(sorted(T1), sorted(T2));

        assertThat(counts.reference()).containsExactly(1, 2, 3, 2, 1, 1, 0);
        assertThat(counts.current()).containsExactly(0, 1, 2, 3, 1, 2, 2);
    }

    @Test
    void negativeZeroIsZero() {
        CategoryCounts counts = CategoryCounts.ofValues(sorted(-0.0, 1), sorted(0.0, 0.0));

        assertThat(counts.reference()).containsExactly(1, 1);
        assertThat(counts.current()).containsExactly(2, 0);
    }
}
