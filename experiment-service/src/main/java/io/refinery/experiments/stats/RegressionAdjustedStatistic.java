package io.refinery.experiments.stats;

/**
 * Frozen sufficient statistic for CUPED: the outcome Y of the experiment period and a pre-period covariate X of the
 * same n units, as n, Σy, Σy², Σx, Σx² and Σxy. Pool with {@link #plus}; see {@link CupedAdjustment} for the use.
 *
 * <ul>
 *   <li>{@link #outcome()} and {@link #covariate()} are the {@link SampleMeanStatistic}s of Y and X;</li>
 *   <li>{@link #covariance()} is the unbiased sample covariance (Σxy − Σx·Σy/n) / (n − 1), 0 when n &lt; 2.</li>
 * </ul>
 *
 * @param units n, at least 0
 * @param sum Σy
 * @param sumOfSquares Σy²
 * @param covariateSum Σx
 * @param covariateSumOfSquares Σx²
 * @param sumOfProducts Σxy
 */
public record RegressionAdjustedStatistic(long units, double sum, double sumOfSquares, double covariateSum,
        double covariateSumOfSquares, double sumOfProducts) {

    /** No units: the identity of {@link #plus}. */
    public static final RegressionAdjustedStatistic EMPTY = new RegressionAdjustedStatistic(0, 0, 0, 0, 0, 0);

    /** The statistic of the pairs (x[i], y[i]). */
    public static RegressionAdjustedStatistic of(double[] covariates, double[] outcomes) {
        if (covariates.length != outcomes.length) {
            throw new IllegalArgumentException("covariates and outcomes must have the same length");
        }
        double sum = 0;
        double sumOfSquares = 0;
        double covariateSum = 0;
        double covariateSumOfSquares = 0;
        double sumOfProducts = 0;
        for (int i = 0; i < outcomes.length; i++) {
            sum += outcomes[i];
            sumOfSquares += outcomes[i] * outcomes[i];
            covariateSum += covariates[i];
            covariateSumOfSquares += covariates[i] * covariates[i];
            sumOfProducts += covariates[i] * outcomes[i];
        }
        return new RegressionAdjustedStatistic(outcomes.length, sum, sumOfSquares, covariateSum,
                covariateSumOfSquares, sumOfProducts);
    }

    /** The statistic of the outcome Y alone. */
    public SampleMeanStatistic outcome() {
        return new SampleMeanStatistic(units, sum, sumOfSquares);
    }

    /** The statistic of the covariate X alone. */
    public SampleMeanStatistic covariate() {
        return new SampleMeanStatistic(units, covariateSum, covariateSumOfSquares);
    }

    /** The unbiased sample covariance of X and Y; 0 when n &lt; 2. */
    public double covariance() {
        return units < 2 ? 0 : (sumOfProducts - covariateSum * (sum / units)) / (units - 1);
    }

    /** The statistic of both samples together. */
    public RegressionAdjustedStatistic plus(RegressionAdjustedStatistic other) {
        return new RegressionAdjustedStatistic(Math.addExact(units, other.units), sum + other.sum,
                sumOfSquares + other.sumOfSquares, covariateSum + other.covariateSum,
                covariateSumOfSquares + other.covariateSumOfSquares, sumOfProducts + other.sumOfProducts);
    }

    /** Validates like {@link SampleMeanStatistic#validate} for Y and X, and Σxy. */
    public void validate(String path) {
        outcome().validate(path);
        Inputs.requireFinite(covariateSum, Inputs.path(path, "covariateSum"));
        Inputs.requireNonNegative(covariateSumOfSquares, Inputs.path(path, "covariateSumOfSquares"));
        Inputs.requireFinite(sumOfProducts, Inputs.path(path, "sumOfProducts"));
        if (units == 0 && (covariateSum != 0 || covariateSumOfSquares != 0 || sumOfProducts != 0)) {
            throw new InvalidStatisticsInputException(Inputs.path(path, "units"),
                    "is 0 but the sums are not; no units means no values");
        }
        if (units > 0 && covariateSumOfSquares < covariateSum * (covariateSum / units) * (1 - 1e-9)) {
            throw new InvalidStatisticsInputException(Inputs.path(path, "covariateSumOfSquares"),
                    "must be at least covariateSum²/units (Cauchy–Schwarz), was " + covariateSumOfSquares);
        }
    }
}
