package io.refinery.experiments.rollout.machine;

/**
 * The transitions of a rollout. Each returns the new position or throws {@link IllegalTransition} saying why the
 * step is not possible now (the API answers 409 with that message).
 *
 * <pre>
 *   create ─ readiness blocks ─▶ BLOCKED ─ reassessed and passes ─▶ AWAITING_GATE(0)
 *   create ─ pilot not SHIP ──▶ AWAITING_OVERRIDE ─ approved ─▶ AWAITING_GATE(0); rejected ─▶ ROLLED_BACK
 *   create ─ ready ──────────▶ AWAITING_GATE(0)
 *   AWAITING_GATE(i) ─ approved ─▶ RUNNING(i); rejected ─▶ RUNNING(i-1), or ROLLED_BACK when i = 0
 *   RUNNING(i) ─ advance (exit criteria met, min duration over) ─▶ AWAITING_GATE(i+1); after the last ─▶ COMPLETED
 *   RUNNING(i) or AWAITING_GATE ─ incident ─▶ PAUSED(i) (a pending gate is dropped; resuming asks oversight)
 *   PAUSED(i) ─ resume approved ─▶ RUNNING(i); rejected ─▶ RUNNING(i-1), or ROLLED_BACK when i = 0
 *   pilot's MODEL_ROLLOUT rejected ─ RUNNING(i) or AWAITING_GATE after phase i ─▶ PAUSED(i);
 *                                  ─ BLOCKED or AWAITING_GATE(0) (nothing served yet) ─▶ ROLLED_BACK
 * </pre>
 */
public final class RolloutMachine {

    /** A step that is not possible in the rollout's current position. */
    public static final class IllegalTransition extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public IllegalTransition(String message) {
            super(message);
        }
    }

    private RolloutMachine() {
    }

    /** The first position: blocked by readiness, waiting for an override of the pilot's decision, or asking for phase 0. */
    public static RolloutPosition start(boolean readinessPasses, boolean pilotShipped) {
        if (!readinessPasses) {
            return new RolloutPosition(RolloutState.BLOCKED, -1, -1);
        }
        if (!pilotShipped) {
            return new RolloutPosition(RolloutState.AWAITING_OVERRIDE, -1, -1);
        }
        return new RolloutPosition(RolloutState.AWAITING_GATE, -1, 0);
    }

    /** A blocked rollout reassessed: blocked still, or on to the override or the first gate. */
    public static RolloutPosition reassessed(RolloutPosition p, boolean readinessPasses, boolean pilotShipped) {
        if (p.state() != RolloutState.BLOCKED) {
            throw new IllegalTransition("only a BLOCKED rollout is reassessed before it starts; this one is " + p.state());
        }
        return start(readinessPasses, pilotShipped);
    }

    public static RolloutPosition overrideDecided(RolloutPosition p, boolean approved) {
        require(p, RolloutState.AWAITING_OVERRIDE, "decide an override");
        return approved ? new RolloutPosition(RolloutState.AWAITING_GATE, -1, 0)
                : new RolloutPosition(RolloutState.ROLLED_BACK, -1, -1);
    }

    public static RolloutPosition gateDecided(RolloutPosition p, boolean approved) {
        require(p, RolloutState.AWAITING_GATE, "decide a phase gate");
        if (approved) {
            return new RolloutPosition(RolloutState.RUNNING, p.requestedPhase(), -1);
        }
        return back(p.requestedPhase());
    }

    /** Asks for the next phase, or completes the rollout after its last phase. */
    public static RolloutPosition advance(RolloutPosition p, int phases, boolean exitCriteriaMet, boolean minDurationOver) {
        require(p, RolloutState.RUNNING, "advance");
        if (!minDurationOver) {
            throw new IllegalTransition("phase " + p.phase() + " has not run its minimum duration yet");
        }
        if (!exitCriteriaMet) {
            throw new IllegalTransition("phase " + p.phase() + " does not meet its exit criteria yet");
        }
        return p.phase() + 1 >= phases ? new RolloutPosition(RolloutState.COMPLETED, p.phase(), -1)
                : new RolloutPosition(RolloutState.AWAITING_GATE, p.phase(), p.phase() + 1);
    }

    /** An incident pauses a running phase, or one waiting for its next gate; elsewhere it changes nothing. */
    public static RolloutPosition incident(RolloutPosition p) {
        if (p.state() == RolloutState.RUNNING || (p.state() == RolloutState.AWAITING_GATE && p.phase() >= 0)) {
            return new RolloutPosition(RolloutState.PAUSED, p.phase(), -1);
        }
        return p;
    }

    /**
     * Oversight rejected rolling out the pilot: a rollout that serves stops where it is and needs a person to resume
     * it; one that serves nobody yet ends (a new rollout needs an override that oversight approves).
     */
    public static RolloutPosition pilotRejected(RolloutPosition p) {
        if (p.state() == RolloutState.BLOCKED || (p.state() == RolloutState.AWAITING_GATE && p.phase() < 0)) {
            return new RolloutPosition(RolloutState.ROLLED_BACK, -1, -1);
        }
        return incident(p);
    }

    public static RolloutPosition resumeDecided(RolloutPosition p, boolean approved) {
        require(p, RolloutState.PAUSED, "decide a resumption");
        return approved ? new RolloutPosition(RolloutState.RUNNING, p.phase(), -1) : back(p.phase());
    }

    private static RolloutPosition back(int phase) {
        return phase <= 0 ? new RolloutPosition(RolloutState.ROLLED_BACK, -1, -1)
                : new RolloutPosition(RolloutState.RUNNING, phase - 1, -1);
    }

    private static void require(RolloutPosition p, RolloutState expected, String what) {
        if (p.state() != expected) {
            throw new IllegalTransition("cannot " + what + ": the rollout is " + p.state() + ", not " + expected);
        }
    }
}
