package io.refinery.experiments.assignment.allocation;

import java.time.Instant;

/**
 * A system's running holdout as assignment applies it: its allocation puts each unit in {@value #HELD_OUT} (the
 * holdout's share) or {@value #EXPOSED}, and a held-out unit stays out of every experiment and rollout of the system
 * that started at or after the holdout began. Changes already running when it began keep their units, so starting a
 * holdout never moves a unit out of a test in progress. Pure and thread-safe.
 *
 * @param key the holdout's key (an experiment of kind HOLDOUT)
 * @param allocation its two variants, weighted share and 1 − share, traffic 1
 * @param startedAt when it began
 */
public record Holdout(String key, Allocation allocation, Instant startedAt) {

    /** The variant of the units kept out (the holdout's control). */
    public static final String HELD_OUT = "holdout";
    /** The variant of everyone else. */
    public static final String EXPOSED = "exposed";

    /** Whether {@code unitId} is held out of the change {@code changeKey} that started at {@code since}. */
    public boolean holdsOut(String changeKey, Instant since, String unitId) {
        return keepsOut(changeKey, since) && holds(unitId);
    }

    /** Whether the change {@code changeKey} started at {@code since} keeps this holdout's units out (no hashing). */
    public boolean keepsOut(String changeKey, Instant since) {
        return !key.equals(changeKey) && since != null && !since.isBefore(startedAt);
    }

    /** Whether {@code unitId} is in the held-out share (whatever the change). */
    public boolean holds(String unitId) {
        return HELD_OUT.equals(allocation.assign(unitId));
    }
}
