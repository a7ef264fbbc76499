package io.refinery.experiments.stats;

/**
 * What a sample size calculation needs: the metric's baseline, the smallest relative effect worth detecting, and the
 * test's level and power. See {@link SampleSizeCalculator}.
 */
public sealed interface SampleSizeRequest permits SampleSizeRequest.Binomial, SampleSizeRequest.Continuous {

    /** The smallest relative change worth detecting, e.g. 0.05 for +5 % (negative for a decrease); not 0. */
    double minimumDetectableEffect();

    /** The two-sided significance level, strictly between 0 and 1. */
    double alpha();

    /** The probability of detecting the effect if it is real, strictly between alpha/2 and 1. */
    double power();

    /**
     * A conversion metric with baseline rate p₁; the effect moves it to p₂ = p₁(1 + mde), which must stay strictly
     * between 0 and 1.
     */
    record Binomial(double baselineRate, double minimumDetectableEffect, double alpha, double power)
            implements SampleSizeRequest {

        public Binomial {
            Inputs.requireOpenUnitInterval(baselineRate, "baselineRate");
            requireLevels(minimumDetectableEffect, alpha, power);
            double treated = baselineRate * (1 + minimumDetectableEffect);
            if (!(treated > 0 && treated < 1)) {
                throw new InvalidStatisticsInputException("minimumDetectableEffect",
                        "moves the rate to " + treated + ", outside (0, 1)");
            }
        }
    }

    /**
     * A continuous metric with baseline mean μ and standard deviation σ (assumed the same in every variant); the
     * effect is δ = μ·mde in absolute terms.
     */
    record Continuous(double baselineMean, double baselineStdDev, double minimumDetectableEffect, double alpha,
            double power) implements SampleSizeRequest {

        public Continuous {
            Inputs.requireFinite(baselineMean, "baselineMean");
            if (baselineMean == 0) {
                throw new InvalidStatisticsInputException("baselineMean",
                        "must not be 0: a relative effect of 0 is no effect");
            }
            Inputs.requirePositive(baselineStdDev, "baselineStdDev");
            requireLevels(minimumDetectableEffect, alpha, power);
        }
    }

    private static void requireLevels(double minimumDetectableEffect, double alpha, double power) {
        Inputs.requireFinite(minimumDetectableEffect, "minimumDetectableEffect");
        if (minimumDetectableEffect == 0) {
            throw new InvalidStatisticsInputException("minimumDetectableEffect", "must not be 0");
        }
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        Inputs.requireOpenUnitInterval(power, "power");
        if (power <= alpha / 2) {
            throw new InvalidStatisticsInputException("power", "must exceed alpha/2 (" + alpha / 2 + "), was " + power);
        }
    }
}
