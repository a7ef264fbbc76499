package io.refinery.experiments.experiment.design;

/** Which way a metric should move for a change to count as better. */
public enum Direction {
    INCREASE,
    DECREASE;

    /** {@code value} seen from the good side: unchanged for INCREASE, negated for DECREASE. */
    public double towardsBetter(double value) {
        return this == INCREASE ? value : -value;
    }
}
