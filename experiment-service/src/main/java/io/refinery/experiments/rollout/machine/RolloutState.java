package io.refinery.experiments.rollout.machine;

/**
 * Where a rollout stands. Traffic (the variant served in the current phase's scope) flows in RUNNING, PAUSED and
 * AWAITING_GATE after the first phase was approved; BLOCKED, AWAITING_OVERRIDE and ROLLED_BACK serve nobody the
 * variant; COMPLETED serves the last phase (full deployment when that phase is everywhere at 100 %).
 */
public enum RolloutState {
    /** The readiness gate did not pass: a dimension scored under the minimum or was not assessed. */
    BLOCKED,
    /** The pilot did not conclude SHIP; an override request is with oversight. */
    AWAITING_OVERRIDE,
    /** A ROLLOUT_PHASE request for the next phase is with oversight. */
    AWAITING_GATE,
    /** The current phase runs. */
    RUNNING,
    /** An incident (a FIRING alert, a drift detection) paused the phase; a request to resume is with oversight. */
    PAUSED,
    /** The last phase ran its course. */
    COMPLETED,
    /** A rejection rolled back the first phase, or the override was refused. */
    ROLLED_BACK
}
