package io.refinery.experiments.rollout.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a pilot lets a rollout start without an override, and what a person is told when it does not. */
class PilotOutcomeTest {

    @Test
    void aPilotThatShippedTheVariantLetsItRollOut() {
        PilotOutcome pilot = new PilotOutcome("reco-test", "SHIP:treatment", false, null);
        assertThat(PilotOutcome.shipped(pilot, "treatment")).isTrue();
        assertThat(PilotOutcome.shipped(pilot, "other")).isFalse();
    }

    @Test
    void noPilotOrARejectedRolloutNeedsAnOverride() {
        assertThat(PilotOutcome.shipped(null, "treatment")).isFalse();
        PilotOutcome rejected = new PilotOutcome("reco-test", "SHIP:treatment", true, "olga");
        assertThat(PilotOutcome.shipped(rejected, "treatment")).isFalse();
        assertThat(PilotOutcome.whyNotShipped(rejected, "treatment"))
                .isEqualTo("oversight rejected the MODEL_ROLLOUT of pilot reco-test (decided by olga)");
    }

    @Test
    void theReasonNamesWhatThePilotConcluded() {
        assertThat(PilotOutcome.whyNotShipped(null, "treatment"))
                .isEqualTo("there is no pilot experiment, not SHIP:treatment");
        assertThat(PilotOutcome.whyNotShipped(new PilotOutcome("reco-test", null, false, null), "treatment"))
                .isEqualTo("the pilot reco-test concluded nothing yet, not SHIP:treatment");
        assertThat(PilotOutcome.whyNotShipped(new PilotOutcome("reco-test", "KEEP_CONTROL", false, null), "treatment"))
                .isEqualTo("the pilot reco-test concluded KEEP_CONTROL, not SHIP:treatment");
    }
}
