package io.refinery.experiments.rollout.machine;

/**
 * What a rollout's pilot experiment concluded, as far as starting a rollout goes: its decision ({@code SHIP:<variant>}
 * or another) and whether oversight rejected rolling it out. A rollout without an override needs a shipped pilot.
 *
 * @param key              the pilot experiment's key
 * @param decision         its concluded decision, e.g. {@code SHIP:treatment}; null while it runs
 * @param rolloutRejected  oversight rejected the pilot's MODEL_ROLLOUT (a pending decision does not block)
 * @param rolloutDecidedBy who decided on the MODEL_ROLLOUT, null when nobody did
 */
public record PilotOutcome(String key, String decision, boolean rolloutRejected, String rolloutDecidedBy) {

    /** Whether {@code pilot} shipped {@code variant} and oversight did not reject rolling it out; false without a pilot. */
    public static boolean shipped(PilotOutcome pilot, String variant) {
        return pilot != null && ("SHIP:" + variant).equals(pilot.decision) && !pilot.rolloutRejected;
    }

    /** Why {@code variant} cannot be rolled out without an override (meaningful when it is not {@link #shipped}). */
    public static String whyNotShipped(PilotOutcome pilot, String variant) {
        if (pilot == null) {
            return "there is no pilot experiment, not SHIP:" + variant;
        }
        if (pilot.rolloutRejected) {
            return "oversight rejected the MODEL_ROLLOUT of pilot " + pilot.key + " (decided by " + pilot.rolloutDecidedBy
                    + ")";
        }
        return "the pilot " + pilot.key + " concluded " + (pilot.decision == null ? "nothing yet" : pilot.decision)
                + ", not SHIP:" + variant;
    }
}
