package io.refinery.experiments.stats;

/**
 * The single entry point for comparing a treatment with the control: picks the test for the metric type and the
 * method.
 *
 * <table>
 *   <caption>Which test answers</caption>
 *   <tr><th></th><th>FREQUENTIST</th><th>BAYESIAN</th></tr>
 *   <tr><td>BINOMIAL</td><td>{@link TwoProportionZTest}</td><td>{@link BetaBinomialBayesianTest}</td></tr>
 *   <tr><td>CONTINUOUS</td><td>{@link WelchTTest}</td><td>{@link NormalBayesianTest}</td></tr>
 * </table>
 *
 * Pure and cheap: it only touches the sufficient statistics, so a million-unit experiment takes microseconds (the
 * Bayesian binomial one well under a millisecond).
 */
public final class ExperimentComparison {

    private ExperimentComparison() {
    }

    /** Compares {@code request.treatment()} with {@code request.control()}; never throws for degenerate data. */
    public static ComparisonResult compare(ComparisonRequest request) {
        Inputs.requireNonNull(request, "request");
        double alpha = request.alpha();
        if (request.metricType() == MetricType.BINOMIAL) {
            ProportionStatistic control = (ProportionStatistic) request.control();
            ProportionStatistic treatment = (ProportionStatistic) request.treatment();
            return request.method() == InferenceMethod.FREQUENTIST
                    ? new TwoProportionZTest(alpha).compare(control, treatment)
                    : new BetaBinomialBayesianTest(alpha).compare(control, treatment);
        }
        return request.method() == InferenceMethod.FREQUENTIST
                ? new WelchTTest(alpha).compare(request.control(), request.treatment())
                : new NormalBayesianTest(alpha).compare(request.control(), request.treatment());
    }
}
