package io.refinery.oversight.relaxation.advisor;

/**
 * The evidence a track needs before oversight proposes one tier lower (every condition must hold):
 * <ul>
 * <li>at least {@code minDecisions} human decisions since the last policy change of the action type, inside the
 * window;</li>
 * <li>a share of approvals without modification of at least {@code minUnmodifiedRate};</li>
 * <li>the Wilson lower bound of that share at {@code z} of at least {@code minLowerBound}, which keeps a bar
 * configured with few decisions honest (5 of 5 clean gives a 95 % lower bound of only 0.566);</li>
 * <li>no incident inside the window;</li>
 * <li>the action type is relaxed by fewer than {@code maxRelaxedTiers} tiers already.</li>
 * </ul>
 */
public record RelaxationBar(int minDecisions, double minUnmodifiedRate, double minLowerBound, double z, int maxRelaxedTiers) {

    public RelaxationBar {
        if (minDecisions < 1) {
            throw new IllegalArgumentException("minDecisions must be at least 1");
        }
        if (!(minUnmodifiedRate >= 0 && minUnmodifiedRate <= 1)) {
            throw new IllegalArgumentException("minUnmodifiedRate must lie in [0, 1]");
        }
        if (!(minLowerBound >= 0 && minLowerBound <= 1)) {
            throw new IllegalArgumentException("minLowerBound must lie in [0, 1]");
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be a positive number");
        }
        if (maxRelaxedTiers < 0 || maxRelaxedTiers > TierShift.MAX) {
            throw new IllegalArgumentException("maxRelaxedTiers must lie in [0, " + TierShift.MAX + "]");
        }
    }

    /** The example: 50 decisions, 98 % approved unmodified, a 95 % Wilson lower bound of 0.85, two tiers at most. */
    public static RelaxationBar defaults() {
        return new RelaxationBar(50, 0.98, 0.85, WilsonScore.Z_95, 2);
    }
}
