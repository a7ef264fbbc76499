package io.refinery.feedback.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ThemeSpikesTest {

    private static final ThemeSpikes.Rule RULE = ThemeSpikes.Rule.defaults();

    @Test
    void aThemeThatJumpsFromRareToFrequentSpikes() {
        // 12/30 now against 2/70 before. Reference (Python, math.erfc): pooled 14/100, se = sqrt(0.14*0.86*(1/30+1/70)),
        // z = 4.905369, p = erfc(z/sqrt 2) = 9.33e-7; smoothed ratio (13/31)/(3/71) = 9.924731.
        List<ThemeSpikes.Spike> spikes = ThemeSpikes.detect(Map.of("cannot-reach-human", 12L, "delivery", 6L), 30,
                Map.of("cannot-reach-human", 2L, "delivery", 10L), 70, RULE);
        assertThat(spikes).extracting(ThemeSpikes.Spike::theme).containsExactly("cannot-reach-human");
        ThemeSpikes.Spike s = spikes.get(0);
        assertThat(s.z()).isCloseTo(4.905369, within(1e-5));
        assertThat(s.p()).isCloseTo(9.33e-7, within(1e-8));
        assertThat(s.ratio()).isCloseTo(9.924731, within(1e-5));
        assertThat(s.share()).isEqualTo(0.4);
        assertThat(s.shareBefore()).isCloseTo(2.0 / 70, within(1e-12));
    }

    @Test
    void steadyThemesSmallPeriodsAndFewMentionsDoNot() {
        // delivery 6/30 vs 10/70: z = 0.714, p = 0.475, ratio 1.457: steady.
        assertThat(ThemeSpikes.detect(Map.of("delivery", 6L), 30, Map.of("delivery", 10L), 70, RULE)).isEmpty();
        // 4 of 10 against 0 of 10 (z = 2.236, p = 0.025): too few items and mentions, and not below alpha 0.01.
        assertThat(ThemeSpikes.detect(Map.of("app-bugs", 4L), 10, Map.of(), 10, RULE)).isEmpty();
        // New theme with 5 mentions in 200 items against none in 200: ratio 6, but z = 2.25, p = 0.024 > 0.01.
        assertThat(ThemeSpikes.detect(Map.of("app-bugs", 5L), 200, Map.of(), 200, RULE)).isEmpty();
    }
}
