package io.refinery.experiments.stats;

/**
 * Frozen sufficient statistic of a ratio metric, where the unit of analysis differs from the unit of randomisation
 * (revenue per session, items per order, clicks per page view, with users randomised): per unit a numerator N and a
 * denominator D, kept as n, ΣN, ΣN², ΣD, ΣD² and ΣND. The arm's ratio is ΣN / ΣD, not the mean of per-unit ratios.
 *
 * <p>Its variance comes from the delta method (Deng, Knoblich and Lu 2018, "Applying the Delta Method in Metric
 * Analytics", KDD, §3.2; the same as gbstats' {@code RatioStatistic}): with the per-unit means μ_N, μ_D, sample
 * variances s²_N, s²_D (n − 1) and covariance s_ND,
 * <pre>
 *     R = μ_N / μ_D
 *     Var(R̂) ≈ (s²_N − 2 R s_ND + R² s²_D) / (n μ_D²)
 * </pre>
 * so {@link #variance()} is n·Var(R̂) and {@link #varianceOfMean()} is Var(R̂): every test that takes an
 * {@link ArmStatistic} (Welch, the normal posterior, the mSPRT) then treats the ratio like a mean. Units, not the
 * denominator's events, are independent, which is why the naive variance of ΣN over ΣD events would be too small.
 *
 * @param units n, units randomised (users)
 * @param numeratorSum ΣN
 * @param numeratorSumOfSquares ΣN²
 * @param denominatorSum ΣD
 * @param denominatorSumOfSquares ΣD²
 * @param sumOfProducts ΣND
 */
public record RatioStatistic(long units, double numeratorSum, double numeratorSumOfSquares, double denominatorSum,
        double denominatorSumOfSquares, double sumOfProducts) implements ArmStatistic {

    /** No units: the identity of {@link #plus}. */
    public static final RatioStatistic EMPTY = new RatioStatistic(0, 0, 0, 0, 0, 0);

    /** The statistic of the pairs (numerators[i], denominators[i]), one per unit. */
    public static RatioStatistic of(double[] numerators, double[] denominators) {
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException("numerators and denominators must have the same length");
        }
        double n = 0;
        double nn = 0;
        double d = 0;
        double dd = 0;
        double nd = 0;
        for (int i = 0; i < numerators.length; i++) {
            n += numerators[i];
            nn += numerators[i] * numerators[i];
            d += denominators[i];
            dd += denominators[i] * denominators[i];
            nd += numerators[i] * denominators[i];
        }
        return new RatioStatistic(numerators.length, n, nn, d, dd, nd);
    }

    /** The numerator's per-unit statistic. */
    public SampleMeanStatistic numerator() {
        return new SampleMeanStatistic(units, numeratorSum, numeratorSumOfSquares);
    }

    /** The denominator's per-unit statistic. */
    public SampleMeanStatistic denominator() {
        return new SampleMeanStatistic(units, denominatorSum, denominatorSumOfSquares);
    }

    /** The unbiased sample covariance of N and D; 0 when n &lt; 2. */
    public double covariance() {
        return units < 2 ? 0 : (sumOfProducts - numeratorSum * (denominatorSum / units)) / (units - 1);
    }

    /** ΣN / ΣD; 0 when there are no units or the denominator sums to 0 (see {@link #hasDenominator()}). */
    @Override
    public double mean() {
        return hasDenominator() ? numeratorSum / denominatorSum : 0;
    }

    /** Whether the ratio is defined: some units, and a denominator that does not sum to 0. */
    public boolean hasDenominator() {
        return units > 0 && denominatorSum != 0;
    }

    /** n·Var(R̂) by the delta method (see the class comment); 0 when undefined or n &lt; 2. */
    @Override
    public double variance() {
        if (units < 2 || !hasDenominator()) {
            return 0;
        }
        double ratio = mean();
        double denominatorMean = denominatorSum / units;
        double spread = numerator().variance() - 2 * ratio * covariance() + ratio * ratio * denominator().variance();
        return Math.max(0, spread) / (denominatorMean * denominatorMean);
    }

    /** The statistic of both samples together. */
    public RatioStatistic plus(RatioStatistic other) {
        return new RatioStatistic(Math.addExact(units, other.units), numeratorSum + other.numeratorSum,
                numeratorSumOfSquares + other.numeratorSumOfSquares, denominatorSum + other.denominatorSum,
                denominatorSumOfSquares + other.denominatorSumOfSquares, sumOfProducts + other.sumOfProducts);
    }

    @Override
    public void validate(String path) {
        Inputs.requireNonNegative(units, Inputs.path(path, "units"));
        new SampleMeanStatistic(units, numeratorSum, numeratorSumOfSquares).validate(path, "numeratorSum",
                "numeratorSumOfSquares");
        new SampleMeanStatistic(units, denominatorSum, denominatorSumOfSquares).validate(path, "denominatorSum",
                "denominatorSumOfSquares");
        Inputs.requireFinite(sumOfProducts, Inputs.path(path, "sumOfProducts"));
        // Cauchy–Schwarz on the centred sums: the covariance cannot exceed the product of the standard deviations.
        if (units > 1) {
            double limit = Math.sqrt(numerator().variance() * denominator().variance());
            if (Math.abs(covariance()) > limit * (1 + 1e-9) + 1e-12 * (Math.abs(sumOfProducts) + 1)) {
                throw new InvalidStatisticsInputException(Inputs.path(path, "sumOfProducts"),
                        "implies a covariance larger than the numerator's and denominator's spreads allow (Cauchy–Schwarz), was "
                                + sumOfProducts);
            }
        }
    }
}
