package io.refinery.experiments.experiment.design;

/**
 * A multi-armed bandit's settings: the variants' weights follow Thompson sampling on the primary metric instead of
 * staying fixed.
 *
 * @param burnInUnits units every arm needs before the weights move off the declared ones
 * @param minimumShare the least share any arm keeps, so none starves
 * @param updateEvery how often the weights are recomputed (ISO-8601, e.g. PT1H)
 */
public record BanditSpec(long burnInUnits, double minimumShare, String updateEvery) {

    public static final long DEFAULT_BURN_IN = 100;
    public static final double DEFAULT_MINIMUM_SHARE = 0.05;
    public static final String DEFAULT_UPDATE_EVERY = "PT1H";
}
