package io.refinery.metrics.drift.stats;

/**
 * The conventional reading of a population stability index (PSI):
 *
 * <ul>
 *   <li>{@link #STABLE}: {@code psi < 0.1}.</li>
 *   <li>{@link #MODERATE}: {@code 0.1 <= psi <= 0.25}.</li>
 *   <li>{@link #MAJOR}: {@code psi > 0.25}.</li>
 * </ul>
 */
public enum PsiBand {
    STABLE,
    MODERATE,
    MAJOR;

    static final double MODERATE_FROM = 0.1;
    static final double MAJOR_ABOVE = 0.25;

    /** The band of {@code psi}, which must not be NaN. */
    public static PsiBand of(double psi) {
        if (Double.isNaN(psi)) {
            throw new IllegalArgumentException("psi must not be NaN");
        }
        if (psi < MODERATE_FROM) {
            return STABLE;
        }
        return psi <= MAJOR_ABOVE ? MODERATE : MAJOR;
    }
}
