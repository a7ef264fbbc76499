package io.refinery.experiments.stats;

/**
 * Frozen sufficient statistic of a continuous metric: n = {@code units}, Σy = {@code sum} and Σy² =
 * {@code sumOfSquares}. The service keeps these running sums per variant and pools them with {@link #plus}; no
 * analysis ever needs the individual values.
 *
 * <ul>
 *   <li>mean ȳ = Σy / n (0 when n = 0);</li>
 *   <li>variance s² = (Σy² − (Σy)²/n) / (n − 1), the unbiased sample variance (0 when n &lt; 2). A value that is
 *       numerically indistinguishable from 0 (below 10⁻¹⁰ of Σy², i.e. within the rounding of the sums) is 0.</li>
 * </ul>
 *
 * <p>The textbook formula loses digits when the mean is large compared with the spread; with doubles it stays
 * accurate to about 16 − 2·log₁₀(|ȳ|/s) significant digits, ample for business metrics.
 *
 * @param units n, how many units; at least 0
 * @param sum Σy
 * @param sumOfSquares Σy², at least (Σy)²/n
 */
public record SampleMeanStatistic(long units, double sum, double sumOfSquares) implements ArmStatistic {

    /** No units: the identity of {@link #plus}. */
    public static final SampleMeanStatistic EMPTY = new SampleMeanStatistic(0, 0, 0);

    /** Relative size under which Σy² − (Σy)²/n counts as rounding noise. */
    private static final double ROUNDING = 1e-10;

    /** The statistic of {@code values}. */
    public static SampleMeanStatistic of(double... values) {
        double sum = 0;
        double sumOfSquares = 0;
        for (double value : values) {
            sum += value;
            sumOfSquares += value * value;
        }
        return new SampleMeanStatistic(values.length, sum, sumOfSquares);
    }

    @Override
    public double mean() {
        return units == 0 ? 0 : sum / units;
    }

    @Override
    public double variance() {
        if (units < 2) {
            return 0;
        }
        double centred = sumOfSquares - sum * (sum / units);
        return centred <= ROUNDING * sumOfSquares ? 0 : centred / (units - 1);
    }

    /** The statistic of both samples together. */
    public SampleMeanStatistic plus(SampleMeanStatistic other) {
        return new SampleMeanStatistic(Math.addExact(units, other.units), sum + other.sum,
                sumOfSquares + other.sumOfSquares);
    }

    @Override
    public void validate(String path) {
        validate(path, "sum", "sumOfSquares");
    }

    /** {@link #validate(String)} with the sums named as the caller's input names them (a ratio's numerator, ...). */
    void validate(String path, String sumField, String sumOfSquaresField) {
        Inputs.requireNonNegative(units, Inputs.path(path, "units"));
        Inputs.requireFinite(sum, Inputs.path(path, sumField));
        Inputs.requireNonNegative(sumOfSquares, Inputs.path(path, sumOfSquaresField));
        if (units == 0 && (sum != 0 || sumOfSquares != 0)) {
            throw new InvalidStatisticsInputException(Inputs.path(path, "units"),
                    "is 0 but the sums are not; no units means no values");
        }
        if (units > 0 && sumOfSquares < sum * (sum / units) * (1 - 1e-9)) {
            throw new InvalidStatisticsInputException(Inputs.path(path, sumOfSquaresField),
                    "must be at least " + sumField + "²/units (Cauchy–Schwarz), was " + sumOfSquares);
        }
    }
}
