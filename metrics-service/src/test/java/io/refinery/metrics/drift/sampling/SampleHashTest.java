package io.refinery.metrics.drift.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SampleHashTest {

    private static final long PINNED = 5368320743442266951L;

    @Test
    void isStableNonNegativeAndDependsOnEveryPart() {
        long p = SampleHash.priority("reco-engine", "s-1", "price");
        assertThat(SampleHash.priority("reco-engine", "s-1", "price")).isEqualTo(p);
        // Pinned: stored samples were drawn with it, so it must never change.
        assertThat(p).isEqualTo(PINNED);
        assertThat(SampleHash.priority("reco-engine", "s-2", "price")).isNotEqualTo(p);
        assertThat(SampleHash.priority("reco-engine", "s-1", "basket")).isNotEqualTo(p);
        assertThat(SampleHash.priority("chatbot", "s-1", "price")).isNotEqualTo(p);
        assertThat(SampleHash.priority("ab", "c", "x")).isNotEqualTo(SampleHash.priority("a", "bc", "x"));
    }

    @Test
    void spreadsSequentialIdsEvenlyOverTheRange() {
        int[] quarters = new int[4];
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            long p = SampleHash.priority("s", Integer.toString(i), "f");
            assertThat(p).isNotNegative();
            distinct.add(p);
            quarters[(int) (p >>> 61)]++;
        }
        assertThat(distinct).hasSize(40_000);
        for (int q : quarters) {
            assertThat(q).isBetween(9_700, 10_300); // 10,000 ± 3.5 sd
        }
    }
}
