package io.refinery.experiments.assignment.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class HoldoutTest {

    private static final Instant BEGAN = Instant.parse("2026-10-01T00:00:00Z");

    private static Holdout holdout(double share) {
        return new Holdout("reco-q4", new Allocation("reco-q4", 1.0, List.of(Holdout.HELD_OUT, Holdout.EXPOSED),
                List.of(share, 1 - share)), BEGAN);
    }

    @Test
    void keepsItsShareOutOfChangesStartedSinceItBeganAndOnlyThose() {
        Holdout holdout = holdout(0.05);
        int held = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            String unit = "user-" + i;
            boolean kept = holdout.holds(unit);
            held += kept ? 1 : 0;
            assertThat(holdout.holdsOut("ranker-v8", BEGAN, unit)).isEqualTo(kept);
            assertThat(holdout.holdsOut("ranker-v8", BEGAN.plusSeconds(86_400), unit)).isEqualTo(kept);
            // Running before it began: the unit stays where it is; unknown start: never held out.
            assertThat(holdout.holdsOut("ranker-v7", BEGAN.minusMillis(1), unit)).isFalse();
            assertThat(holdout.holdsOut("ranker-v7", null, unit)).isFalse();
            // Never out of itself.
            assertThat(holdout.holdsOut("reco-q4", BEGAN, unit)).isFalse();
        }
        // 100,000 units at 5 %: standard error 0.069 points, the bound is 4.3 of them.
        assertThat(held / (double) n).isCloseTo(0.05, within(0.003));
    }

    @Test
    void theHeldOutSetIsIndependentOfEveryExperimentsDraw() {
        Holdout holdout = holdout(0.2);
        Allocation experiment = new Allocation("ranker-v8", 1.0, List.of("control", "treatment"), List.of(0.5, 0.5));
        int heldTreated = 0;
        int held = 0;
        for (int i = 0; i < 100_000; i++) {
            String unit = "u" + i;
            if (holdout.holds(unit)) {
                held++;
                heldTreated += "treatment".equals(experiment.assign(unit)) ? 1 : 0;
            }
        }
        // Had the experiment run on them, half the held-out units would have been treated: no correlation.
        assertThat(heldTreated / (double) held).isCloseTo(0.5, within(0.012));
    }
}
