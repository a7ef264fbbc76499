package io.refinery.oversight.policy.tiers;

/**
 * The three Human-in-the-Loop tiers, declared from least to most conservative:
 * <ol>
 * <li>{@link #EXCEPTION_HANDLING}: the AI acts on routine cases by itself; humans see only the outliers.</li>
 * <li>{@link #DEEP_COLLABORATION}: humans and the AI work the case together and decide jointly.</li>
 * <li>{@link #REVIEW_AND_APPROVAL}: nothing happens until named humans approve it (one or two approvers).</li>
 * </ol>
 * "More conservative" means more human control before the action takes effect; {@link #up()} moves one step
 * towards {@link #REVIEW_AND_APPROVAL}, which is also the default when there is no signal at all.
 */
public enum Tier {
    EXCEPTION_HANDLING, DEEP_COLLABORATION, REVIEW_AND_APPROVAL;

    /** One tier more conservative; the most conservative tier stays where it is. */
    public Tier up() {
        return this == REVIEW_AND_APPROVAL ? this : values()[ordinal() + 1];
    }

    /** One tier less conservative; the least conservative tier stays where it is. */
    public Tier down() {
        return this == EXCEPTION_HANDLING ? this : values()[ordinal() - 1];
    }

    public boolean moreConservativeThan(Tier other) {
        return ordinal() > other.ordinal();
    }

    public static Tier mostConservative(Tier a, Tier b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
