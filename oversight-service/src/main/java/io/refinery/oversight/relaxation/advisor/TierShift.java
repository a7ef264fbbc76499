package io.refinery.oversight.relaxation.advisor;

/**
 * How far an action type's tier is moved from what its policy rules (or the risk profile) give: negative is
 * less conservative (an approved relaxation), positive more conservative (after an incident). The range is
 * [-{@value #MAX}, +{@value #MAX}], enough to cross all three tiers.
 */
public final class TierShift {

    public static final int MAX = 2;

    private TierShift() {
    }

    /** One tier lower, as an approved relaxation proposes; null when {@code maxRelaxed} tiers are relaxed already. */
    public static Integer relaxed(int current, int maxRelaxed) {
        return current - 1 < -maxRelaxed ? null : current - 1;
    }

    /** One tier higher at once after an incident, never past {@value #MAX}. */
    public static int tightened(int current) {
        return Math.min(MAX, current + 1);
    }

    public static int check(int shift) {
        if (shift < -MAX || shift > MAX) {
            throw new IllegalArgumentException("a tier shift lies in [-" + MAX + ", " + MAX + "]");
        }
        return shift;
    }
}
