package io.refinery.metrics.drift.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DriftCategoryTallyTest {

    @Test
    void countsExactlyUpToTheCapThenUnderOther() {
        CategoryTally tally = new CategoryTally(2);
        tally.add("mobile", 3);
        tally.add("desktop", 1);
        tally.add("tablet", 2);
        tally.add("mobile", 1);
        tally.add("tv", 1);
        assertThat(tally.counts()).containsExactly(Map.entry("mobile", 4L), Map.entry("desktop", 1L),
                Map.entry(CategoryTally.OTHER, 3L));
        assertThat(tally.total()).isEqualTo(8);
    }

    @Test
    void aStoredTallyIsReadBackUnderTheSameCap() {
        CategoryTally stored = CategoryTally.of(3, Map.of("a", 1L, CategoryTally.OTHER, 5L));
        stored.add("b", 2);
        stored.add("c", 1);
        stored.add("d", 1);
        assertThat(stored.counts()).containsOnly(Map.entry("a", 1L), Map.entry(CategoryTally.OTHER, 6L),
                Map.entry("b", 2L), Map.entry("c", 1L));
        assertThat(stored.total()).isEqualTo(10);
    }
}
