package io.refinery.experiments.analysis.results;

import java.util.List;

import io.refinery.experiments.stats.ConfidenceInterval;

/**
 * Everything the results of an experiment show. Every number is finite or null.
 *
 * @param analysis FREQUENTIST, BAYESIAN or SEQUENTIAL
 * @param correction the multiple-testing correction over the treatments
 * @param alpha the level
 * @param variants per variant: units and the primary metric's mean (rate) and variance
 * @param srm the sample ratio mismatch check of the units against the weights
 * @param primaryMetric each treatment against control on the primary metric
 * @param guardrails each guardrail's status
 * @param progress toward the required sample
 * @param recommendation the decision the data supports, with reasons
 */
public record ExperimentResults(String analysis, String correction, double alpha, List<VariantSummary> variants,
        Srm srm, PrimaryMetric primaryMetric, List<Guardrail> guardrails, Progress progress,
        Recommendation recommendation) {

    /**
     * @param mean the primary metric's mean per unit (its conversion rate for BINOMIAL, ΣN/ΣD for RATIO, the
     *     quantile's estimate for QUANTILE)
     * @param variance per-unit variance: p(1 − p) for BINOMIAL, the sample variance for CONTINUOUS, n·Var(ΣN/ΣD) by
     *     the delta method for RATIO, n·SE² of the estimate for QUANTILE (n the units that reported the metric)
     * @param conversions BINOMIAL only
     */
    public record VariantSummary(String variant, boolean control, double weight, long units, Double mean,
            Double variance, Double stdDev, Long conversions) {
    }

    public record Srm(List<Long> observed, List<Double> expectedWeights, Double pValue, Boolean mismatch,
            String status) {
    }

    /**
     * @param denominator RATIO: the metric the name's metric is divided by; null otherwise
     * @param quantile QUANTILE: which quantile of the values of the units that reported the metric; null otherwise
     * @param cuped whether CUPED was applied (every unit came with a pre-period covariate, CONTINUOUS metric)
     */
    public record PrimaryMetric(String name, String type, String denominator, Double quantile, String direction,
            boolean cuped, List<Comparison> comparisons) {
    }

    /**
     * One treatment against control on the primary metric. FREQUENTIST and SEQUENTIAL fill the p-values, BAYESIAN
     * the chances; the interval is on the relative lift.
     *
     * @param pValue the fixed-horizon two-sided p-value (unadjusted)
     * @param adjustedPValue after the experiment's correction
     * @param significant adjustedPValue &lt; alpha (SEQUENTIAL: the always-valid boundary, adjusted)
     * @param chanceToBeatControl P(treatment mean &gt; control mean)
     * @param chanceToBeBetter the same in the metric's good direction
     * @param expectedLoss E[max(control − treatment, 0)] on the metric's scale
     * @param better whether the treatment is convincingly better in the good direction
     * @param worse whether it is convincingly worse
     * @param cupedTheta θ of the CUPED adjustment, when applied
     * @param nonInferiority the one-sided non-inferiority test, when the primary metric states a margin
     */
    public record Comparison(String variant, Double absoluteDifference, Double relativeLift,
            ConfidenceInterval confidenceInterval, Double pValue, Double adjustedPValue, Boolean significant,
            Double chanceToBeatControl, Double chanceToBeBetter, Double expectedLoss, Sequential sequential,
            boolean better, boolean worse, Double cupedTheta, NonInferiority nonInferiority, String status,
            String message) {
    }

    /**
     * Whether a treatment is no worse than control by more than the margin (see {@code NonInferiorityTest}).
     *
     * @param margin the relative margin the design states
     * @param pValue one-sided p-value of "worse by more than the margin"
     * @param adjustedPValue after the experiment's correction
     * @param worstLift the relative change in the good direction that the data rules out being below, at 1 − alpha
     * @param nonInferior adjustedPValue &lt; alpha
     * @param status OK, or why the fields are null
     */
    public record NonInferiority(double margin, Double pValue, Double adjustedPValue, Double worstLift,
            Boolean nonInferior, String status) {
    }

    /**
     * The always-valid mSPRT look (SEQUENTIAL only).
     *
     * @param pValue always-valid p-value (running minimum over the recorded looks)
     * @param adjustedPValue after the correction
     * @param differenceInterval always-valid interval on the absolute difference
     * @param boundaryCrossed adjustedPValue ≤ alpha
     * @param tauSquared the mixing variance, tuned for the required sample
     */
    public record Sequential(Double pValue, Double adjustedPValue, ConfidenceInterval differenceInterval,
            Boolean boundaryCrossed, Double tauSquared) {
    }

    /** status: PASSED, AT_RISK, VIOLATED or NO_DATA (the worst over the treatments). */
    public record Guardrail(String name, String type, String denominator, Double quantile, String direction,
            double maxRegression, String status, List<GuardrailComparison> comparisons) {
    }

    /**
     * PASSED: the interval on the relative change rules out a regression beyond maxRegression. VIOLATED: the
     * treatment is significantly worse and its estimate regresses beyond maxRegression. AT_RISK: neither yet.
     *
     * @param method FREQUENTIST (fixed-horizon interval and p-value; also for BAYESIAN experiments) or SEQUENTIAL
     *     (always-valid mSPRT interval and p-value, see {@code Guardrails})
     * @param sequential the always-valid look behind the numbers (SEQUENTIAL only); adjustedPValue equals pValue
     */
    public record GuardrailComparison(String variant, Double relativeLift, ConfidenceInterval confidenceInterval,
            Double pValue, String status, String method, Sequential sequential) {
    }

    public record Progress(long requiredUnitsPerVariant, long smallestVariantUnits, double fraction, boolean reached) {
    }

    /**
     * @param decision SHIP:&lt;variant&gt;, KEEP_CONTROL or INCONCLUSIVE (a holdout: RELEASE): what concluding now
     *     would record
     * @param reasons why, most important first
     * @param advice what to do now: SHIP, DONT_SHIP, KEEP_RUNNING or INCONCLUSIVE; an A/A test: AA_PASSED or
     *     AA_FAILED; a holdout: IMPACT_POSITIVE, IMPACT_NEGATIVE or NO_IMPACT_DETECTED (see {@code Recommender})
     * @param power the power the primary metric's test has now to detect the planned effect (the MDE on the control's
     *     mean, with the arms' observed variances), the lowest over the treatments; null when it cannot be computed
     */
    public record Recommendation(String decision, List<String> reasons, String advice, Double power) {
    }
}
