package io.refinery.experiments.rollout.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RolloutMachineTest {

    private static RolloutPosition at(RolloutState state, int phase, int requested) {
        return new RolloutPosition(state, phase, requested);
    }

    @Test
    void theSeedsFlowGatePhaseOnePauseResume() {
        RolloutPosition p = RolloutMachine.start(true, true);
        assertThat(p).isEqualTo(at(RolloutState.AWAITING_GATE, -1, 0));
        assertThat(p.serving()).isFalse();
        p = RolloutMachine.gateDecided(p, true);
        assertThat(p).isEqualTo(at(RolloutState.RUNNING, 0, -1));
        p = RolloutMachine.advance(p, 3, true, true);
        assertThat(p).isEqualTo(at(RolloutState.AWAITING_GATE, 0, 1));
        assertThat(p.serving()).isTrue(); // phase 0 keeps serving while phase 1 is asked for
        p = RolloutMachine.gateDecided(p, true);
        p = RolloutMachine.incident(p);
        assertThat(p).isEqualTo(at(RolloutState.PAUSED, 1, -1));
        assertThat(RolloutMachine.incident(p)).isEqualTo(p);
        p = RolloutMachine.resumeDecided(p, true);
        assertThat(p).isEqualTo(at(RolloutState.RUNNING, 1, -1));
        p = RolloutMachine.advance(RolloutMachine.gateDecided(RolloutMachine.advance(p, 3, true, true), true), 3, true, true);
        assertThat(p).isEqualTo(at(RolloutState.COMPLETED, 2, -1));
    }

    @Test
    void aRejectedPilotPausesWhatServesAndEndsWhatServesNobodyYet() {
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.RUNNING, 1, -1))).isEqualTo(at(RolloutState.PAUSED, 1, -1));
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.AWAITING_GATE, 0, 1))).isEqualTo(at(RolloutState.PAUSED, 0, -1));
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.AWAITING_GATE, -1, 0)))
                .isEqualTo(at(RolloutState.ROLLED_BACK, -1, -1));
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.BLOCKED, -1, -1))).isEqualTo(at(RolloutState.ROLLED_BACK, -1, -1));
        // a person already decides these: nothing changes
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.PAUSED, 1, -1))).isEqualTo(at(RolloutState.PAUSED, 1, -1));
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.AWAITING_OVERRIDE, -1, -1)))
                .isEqualTo(at(RolloutState.AWAITING_OVERRIDE, -1, -1));
        assertThat(RolloutMachine.pilotRejected(at(RolloutState.COMPLETED, 2, -1))).isEqualTo(at(RolloutState.COMPLETED, 2, -1));
    }

    @Test
    void rejectionsRollThePhaseBack() {
        assertThat(RolloutMachine.gateDecided(at(RolloutState.AWAITING_GATE, 1, 2), false))
                .isEqualTo(at(RolloutState.RUNNING, 1, -1));
        assertThat(RolloutMachine.gateDecided(at(RolloutState.AWAITING_GATE, -1, 0), false))
                .isEqualTo(at(RolloutState.ROLLED_BACK, -1, -1));
        assertThat(RolloutMachine.resumeDecided(at(RolloutState.PAUSED, 2, -1), false))
                .isEqualTo(at(RolloutState.RUNNING, 1, -1));
        assertThat(RolloutMachine.resumeDecided(at(RolloutState.PAUSED, 0, -1), false))
                .isEqualTo(at(RolloutState.ROLLED_BACK, -1, -1));
    }

    @Test
    void gatesThePilotAndReadinessComeFirst() {
        assertThat(RolloutMachine.start(false, true).state()).isEqualTo(RolloutState.BLOCKED);
        assertThat(RolloutMachine.start(true, false).state()).isEqualTo(RolloutState.AWAITING_OVERRIDE);
        assertThat(RolloutMachine.overrideDecided(at(RolloutState.AWAITING_OVERRIDE, -1, -1), false).state())
                .isEqualTo(RolloutState.ROLLED_BACK);
        assertThat(RolloutMachine.reassessed(at(RolloutState.BLOCKED, -1, -1), true, true))
                .isEqualTo(at(RolloutState.AWAITING_GATE, -1, 0));
        // an incident before any phase was approved pauses nothing
        assertThat(RolloutMachine.incident(at(RolloutState.AWAITING_GATE, -1, 0)).state()).isEqualTo(RolloutState.AWAITING_GATE);
    }

    @Test
    void stepsOutOfOrderAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RolloutMachine.advance(at(RolloutState.RUNNING, 0, -1), 2, false, true))
                .hasMessage("phase 0 does not meet its exit criteria yet");
        assertThatThrownBy(() -> RolloutMachine.advance(at(RolloutState.RUNNING, 0, -1), 2, true, false))
                .hasMessage("phase 0 has not run its minimum duration yet");
        assertThatThrownBy(() -> RolloutMachine.advance(at(RolloutState.PAUSED, 0, -1), 2, true, true))
                .hasMessage("cannot advance: the rollout is PAUSED, not RUNNING");
        assertThatThrownBy(() -> RolloutMachine.reassessed(at(RolloutState.RUNNING, 0, -1), true, true))
                .isInstanceOf(RolloutMachine.IllegalTransition.class);
    }
}
