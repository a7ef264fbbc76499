package io.refinery.experiments.stats;

/**
 * The variance τ² of the normal mixing distribution N(0, τ²) over effect sizes in {@link
 * MixtureSequentialProbabilityRatioTest}, in squared units of the metric. Any fixed τ² gives a valid test; it only
 * decides at which sample size the test is most powerful (and its interval narrowest), so it must be chosen before
 * looking at the data and kept for the whole experiment.
 *
 * <ul>
 *   <li>{@link TunedForSampleSize} (the recommended default): make the always-valid interval narrowest at the planned
 *       sample size N per variant (from {@link SampleSizeCalculator}). With V_N = (σ_c² + σ_t²)/N the variance of the
 *       difference at that size, the half-width² ∝ V(1 + 1/r)(2 log(1/α) + log(1 + r)) with r = τ²/V is minimised
 *       where r = 2 log(1/α) + log(1 + r), so τ² = r*·V_N. For α = 0.05, r* ≈ 8.22. The one-step approximation
 *       r ≈ 2 log(1/α) + log(1 + 2 log(1/α)) is the tuning of Howard, Ramdas, McAuliffe &amp; Sekhon, "Time-uniform,
 *       nonparametric, nonasymptotic confidence sequences", <i>Ann. Statist.</i> 49(2), 2021. σ² are the current
 *       plug-in variances, which settle quickly.</li>
 *   <li>{@link Fixed}: a τ² of one's own, e.g. the variance of the effects seen in past experiments on this metric,
 *       which Johari et al. (2017) recommend ("matching the prior").</li>
 * </ul>
 */
public sealed interface MixingVariance permits MixingVariance.Fixed, MixingVariance.TunedForSampleSize {

    /** τ² for a test at level {@code alpha} with the given per-unit variances of control and treatment. */
    double tauSquared(double alpha, double controlVariance, double treatmentVariance);

    /** Validates, naming {@code path.<component>} in errors. */
    void validate(String path);

    /** The r* = τ²/V that makes the interval narrowest at variance V: the root of r = 2 log(1/α) + log(1 + r). */
    static double optimalRatio(double alpha) {
        double twiceLogInverse = -2 * Math.log(alpha);
        double ratio = twiceLogInverse;
        for (int i = 0; i < 200; i++) { // a contraction (slope 1/(1 + r) < 1): converges to machine precision
            double next = twiceLogInverse + Math.log1p(ratio);
            if (next == ratio) {
                break;
            }
            ratio = next;
        }
        return ratio;
    }

    /** A τ² chosen by the caller, positive and finite. */
    record Fixed(double tauSquared) implements MixingVariance {

        @Override
        public double tauSquared(double alpha, double controlVariance, double treatmentVariance) {
            return tauSquared;
        }

        @Override
        public void validate(String path) {
            Inputs.requirePositive(tauSquared, Inputs.path(path, "tauSquared"));
        }
    }

    /** τ² = r*(α)·(σ_c² + σ_t²)/N for a planned N units per variant, at least 1. */
    record TunedForSampleSize(long plannedUnitsPerVariant) implements MixingVariance {

        @Override
        public double tauSquared(double alpha, double controlVariance, double treatmentVariance) {
            return optimalRatio(alpha) * (controlVariance + treatmentVariance) / plannedUnitsPerVariant;
        }

        @Override
        public void validate(String path) {
            if (plannedUnitsPerVariant < 1) {
                throw new InvalidStatisticsInputException(Inputs.path(path, "plannedUnitsPerVariant"),
                        "must be at least 1, was " + plannedUnitsPerVariant);
            }
        }
    }
}
