package io.refinery.experiments.stats;

/**
 * What to compare and how: {@code {metricType, method, alpha, control, treatment}}. The compact constructor
 * validates everything and throws {@link InvalidStatisticsInputException} naming the field, so an instance is
 * always analysable (though its data may still be degenerate).
 *
 * @param metricType BINOMIAL (arms are {@link ProportionStatistic}s), CONTINUOUS (arms are
 *     {@link SampleMeanStatistic}s or {@link SummaryStatistic}s) or RATIO (arms are {@link RatioStatistic}s)
 * @param method FREQUENTIST or BAYESIAN
 * @param alpha significance level (FREQUENTIST) or one minus the credible level (BAYESIAN), strictly between 0 and
 *     1; {@link #DEFAULT_ALPHA} when the caller gives none
 * @param control the control arm
 * @param treatment the treatment arm
 */
public record ComparisonRequest(MetricType metricType, InferenceMethod method, double alpha, ArmStatistic control,
        ArmStatistic treatment) {

    /** The level used when a request does not set one. */
    public static final double DEFAULT_ALPHA = 0.05;

    public ComparisonRequest {
        Inputs.requireNonNull(metricType, "metricType");
        Inputs.requireNonNull(method, "method");
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        requireArm(metricType, control, "control");
        requireArm(metricType, treatment, "treatment");
        if (control instanceof QuantileStatistic c && treatment instanceof QuantileStatistic t
                && c.quantile() != t.quantile()) {
            throw new InvalidStatisticsInputException("treatment.quantile", "must equal the control's, " + c.quantile());
        }
    }

    /** A request at {@link #DEFAULT_ALPHA}. */
    public ComparisonRequest(MetricType metricType, InferenceMethod method, ArmStatistic control,
            ArmStatistic treatment) {
        this(metricType, method, DEFAULT_ALPHA, control, treatment);
    }

    static void requireArm(MetricType metricType, ArmStatistic arm, String path) {
        Inputs.requireNonNull(arm, path);
        boolean fits = switch (metricType) {
            case BINOMIAL -> arm instanceof ProportionStatistic;
            case CONTINUOUS -> arm instanceof SampleMeanStatistic || arm instanceof SummaryStatistic;
            case RATIO -> arm instanceof RatioStatistic;
            case QUANTILE -> arm instanceof QuantileStatistic;
        };
        if (!fits) {
            throw new InvalidStatisticsInputException(path, switch (metricType) {
                case BINOMIAL -> "a BINOMIAL metric needs {units, conversions}";
                case CONTINUOUS -> "a CONTINUOUS metric needs {units, mean, stdDev} or {units, sum, sumOfSquares}";
                case RATIO -> "a RATIO metric needs {units, numeratorSum, numeratorSumOfSquares, denominatorSum, "
                        + "denominatorSumOfSquares, sumOfProducts}";
                case QUANTILE -> "a QUANTILE metric needs the units' values";
            });
        }
        arm.validate(path);
    }
}
