package io.refinery.experiments.rollout.machine;

/**
 * A rollout's state and phase. {@code phase} is the index of the phase whose traffic is served (-1 before the first
 * approval); {@code requestedPhase} the phase a pending gate asks for (-1 when none).
 */
public record RolloutPosition(RolloutState state, int phase, int requestedPhase) {

    /** Whether units in the current phase's scope get the variant. */
    public boolean serving() {
        return phase >= 0 && (state == RolloutState.RUNNING || state == RolloutState.PAUSED
                || state == RolloutState.AWAITING_GATE || state == RolloutState.COMPLETED);
    }
}
