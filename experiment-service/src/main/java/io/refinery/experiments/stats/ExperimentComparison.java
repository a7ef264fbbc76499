package io.refinery.experiments.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The single entry point for comparing a treatment with the control: picks the test for the metric type and the
 * method.
 *
 * <table>
 *   <caption>Which test answers</caption>
 *   <tr><th></th><th>FREQUENTIST</th><th>BAYESIAN</th></tr>
 *   <tr><td>BINOMIAL</td><td>{@link TwoProportionZTest}</td><td>{@link BetaBinomialBayesianTest}</td></tr>
 *   <tr><td>CONTINUOUS</td><td>{@link WelchTTest}</td><td>{@link NormalBayesianTest}</td></tr>
 *   <tr><td>RATIO</td><td>{@link WelchTTest} on the delta method's variance</td><td>{@link NormalBayesianTest}</td></tr>
 *   <tr><td>QUANTILE</td><td>{@link QuantileZTest}</td><td>{@link NormalBayesianTest}</td></tr>
 * </table>
 *
 * {@link #compareTreatments} does the same for several treatments and adjusts their p-values;
 * {@link #compareWithCuped} compares a continuous metric after CUPED variance reduction.
 *
 * <p>Pure and cheap: it only touches the sufficient statistics, so a million-unit experiment takes microseconds (the
 * Bayesian binomial one well under a millisecond).
 */
public final class ExperimentComparison {

    private ExperimentComparison() {
    }

    /**
     * Compares every treatment with the control and adjusts the frequentist p-values for the number of treatments
     * ({@link PValueAdjustment}); {@code significant} in each {@link MultiTreatmentResult.TreatmentComparison} uses
     * the adjusted p-value. Intervals are per comparison, not adjusted.
     */
    public static MultiTreatmentResult compareTreatments(MultiTreatmentRequest request) {
        Inputs.requireNonNull(request, "request");
        List<ComparisonResult> comparisons = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (ArmStatistic treatment : request.treatments()) {
            ComparisonResult comparison = compare(new ComparisonRequest(request.metricType(), request.method(),
                    request.alpha(), request.control(), treatment));
            comparisons.add(comparison);
            pValues.add(comparison.pValue());
        }
        AdjustedPValues adjusted = PValueAdjustment.adjust(pValues, request.correction());
        List<MultiTreatmentResult.TreatmentComparison> treatments = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Double adjustedPValue = adjusted.adjusted().get(i);
            treatments.add(new MultiTreatmentResult.TreatmentComparison(comparisons.get(i), adjustedPValue,
                    adjustedPValue == null ? null : adjustedPValue < request.alpha()));
        }
        return new MultiTreatmentResult(request.correction(), adjusted, treatments);
    }

    /**
     * Compares a continuous metric after CUPED variance reduction ({@link CupedAdjustment}): Welch's test under
     * FREQUENTIST, the normal posterior under BAYESIAN, on the adjusted arms.
     */
    public static CupedResult compareWithCuped(CupedRequest request) {
        Inputs.requireNonNull(request, "request");
        CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(request.control(), request.treatment());
        ComparisonResult comparison = compare(new ComparisonRequest(MetricType.CONTINUOUS, request.method(),
                request.alpha(), arms.control(), arms.treatment()));
        return new CupedResult(arms.theta(), comparison);
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
        if (request.metricType() == MetricType.QUANTILE && request.method() == InferenceMethod.FREQUENTIST) {
            return new QuantileZTest(alpha).compare((QuantileStatistic) request.control(),
                    (QuantileStatistic) request.treatment());
        }
        return request.method() == InferenceMethod.FREQUENTIST
                ? new WelchTTest(alpha).compare(request.control(), request.treatment())
                : new NormalBayesianTest(alpha).compare(request.control(), request.treatment());
    }
}
