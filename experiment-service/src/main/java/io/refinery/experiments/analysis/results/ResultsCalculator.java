package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MixtureSequentialProbabilityRatioTest;
import io.refinery.experiments.stats.PValueAdjustment;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.RatioStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.refinery.experiments.stats.SampleRatioMismatchCheck;
import io.refinery.experiments.stats.SrmRequest;
import io.refinery.experiments.stats.SrmResult;

/**
 * Turns an experiment's stored sufficient statistics into its results with the statistics engine
 * ({@code io.refinery.experiments.stats}); pure and cheap (a few variants' sums, whatever the number of units).
 *
 * <ul>
 *   <li>Primary metric: every treatment against control with {@link ExperimentComparison#compareTreatments} (z-test
 *       or Welch's t-test, or the Bayesian tests), p-values adjusted by the experiment's correction (Holm or
 *       Benjamini–Hochberg). A CONTINUOUS metric whose units all came with a pre-period covariate is compared after
 *       CUPED ({@link ExperimentComparison#compareWithCuped}), the p-values then adjusted with
 *       {@link PValueAdjustment}.</li>
 *   <li>SEQUENTIAL adds the always-valid mSPRT look per treatment ({@link MixtureSequentialProbabilityRatioTest},
 *       τ² tuned for the required sample, continuing from the previous recorded look), adjusted the same way.</li>
 *   <li>Guardrails: each guardrail metric judged against its maxRegression, from the fixed-horizon comparison, or
 *       under SEQUENTIAL from its own always-valid mSPRT look (see {@link Guardrails}).</li>
 *   <li>A RATIO metric (primary or guardrail) is ΣN/ΣD per variant with the delta method's variance
 *       ({@link RatioStatistic}), from the metric's and its denominator's sums and the stored Σ N·D.</li>
 *   <li>SRM: Pearson's chi-square of the units against the weights ({@link SampleRatioMismatchCheck}).</li>
 *   <li>The recommendation and its advice (ship, don't ship, keep running, inconclusive) with the power reached:
 *       see {@link Recommender}.</li>
 * </ul>
 */
public final class ResultsCalculator {

    private ResultsCalculator() {
    }

    /**
     * @param previous the last recorded sequential looks (SEQUENTIAL): per treatment, and per guardrail and treatment
     * @param finalLook whether the data is final (stopped, max duration, a person concluding): a fixed-horizon
     *     analysis then recommends even before the required sample
     */
    public static ExperimentResults compute(ExperimentDesign design, List<VariantData> data,
            Map<String, SequentialLook> previous, boolean finalLook) {
        Map<String, VariantData> byVariant = new HashMap<>();
        data.forEach(d -> byVariant.put(d.variant(), d));
        List<VariantData> ordered = design.variants().stream()
                .map(v -> byVariant.getOrDefault(v.key(), VariantData.empty(v.key()))).toList();
        VariantData control = ordered.get(design.variants().indexOf(design.control()));
        List<VariantData> treatments = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (!design.variants().get(i).control()) {
                treatments.add(ordered.get(i));
            }
        }
        MetricSpec metric = design.primaryMetric();
        List<ExperimentResults.VariantSummary> summaries = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            summaries.add(summary(design.variants().get(i), ordered.get(i), metric));
        }
        boolean cuped = PrimaryComparisons.cupedApplies(metric, ordered);
        List<ExperimentResults.Comparison> comparisons = PrimaryComparisons.compare(design, control, treatments,
                cuped, previous);
        List<ExperimentResults.Guardrail> guardrails = design.guardrails().stream()
                .map(g -> Guardrails.check(g, design, control, treatments, previous)).toList();
        ExperimentResults.Srm srm = srm(design, ordered);
        long smallest = ordered.stream().mapToLong(VariantData::units).min().orElse(0);
        long required = design.requiredUnitsPerVariant();
        ExperimentResults.Progress progress = new ExperimentResults.Progress(required, smallest,
                required == 0 ? 1 : Math.min(1, (double) smallest / required), smallest >= required);
        ExperimentResults.PrimaryMetric primary = new ExperimentResults.PrimaryMetric(metric.name(), metric.type().name(),
                metric.denominator(), metric.quantile(), metric.direction().name(), cuped, comparisons);
        long total = ordered.stream().mapToLong(VariantData::units).sum();
        ExperimentResults.Recommendation recommendation = Recommender.recommend(design, primary, guardrails, srm,
                progress, summaries, total, finalLook, design.power());
        return new ExperimentResults(design.analysis().name(), design.correction().name(), design.alpha(), summaries,
                srm, primary, guardrails, progress, recommendation);
    }

    /**
     * The sequential looks to record for the next evaluation, from these results: the primary metric's by variant,
     * each SEQUENTIAL guardrail's by {@code <metric>/<variant>}.
     */
    public static Map<String, SequentialLook> looks(ExperimentResults results) {
        Map<String, SequentialLook> looks = new HashMap<>();
        for (ExperimentResults.Comparison c : results.primaryMetric().comparisons()) {
            ExperimentResults.Sequential s = c.sequential();
            if (s != null && s.pValue() != null) {
                ConfidenceInterval i = s.differenceInterval();
                looks.put(c.variant(), new SequentialLook(s.pValue(), i == null ? null : i.lower(), i == null ? null : i.upper()));
            }
        }
        for (ExperimentResults.Guardrail g : results.guardrails()) {
            for (ExperimentResults.GuardrailComparison c : g.comparisons()) {
                ExperimentResults.Sequential s = c.sequential();
                if (s != null && s.pValue() != null && s.differenceInterval() != null) {
                    looks.put(Guardrails.lookKey(g.name(), c.variant()), new SequentialLook(s.pValue(),
                            s.differenceInterval().lower(), s.differenceInterval().upper()));
                }
            }
        }
        return looks;
    }

    /**
     * One variant's arm of a metric; {@code denominator} names a RATIO metric's denominator and {@code quantile} is a
     * QUANTILE metric's quantile (null otherwise).
     */
    static ArmStatistic arm(VariantData v, String metric, MetricType type, String denominator, Double quantile) {
        VariantData.MetricSums sums = v.metric(metric);
        return switch (type) {
            case BINOMIAL -> new ProportionStatistic(v.units(), Math.min(sums.conversions(), v.units()));
            case CONTINUOUS -> new SampleMeanStatistic(v.units(), sums.sum(), sums.sumOfSquares());
            case RATIO -> {
                VariantData.MetricSums d = v.metric(denominator);
                yield new RatioStatistic(v.units(), sums.sum(), sums.sumOfSquares(), d.sum(), d.sumOfSquares(),
                        v.ratioProducts(metric, denominator));
            }
            case QUANTILE -> v.quantile(metric, quantile);
        };
    }

    private static ExperimentResults.VariantSummary summary(VariantSpec spec, VariantData v, MetricSpec metric) {
        ArmStatistic arm = arm(v, metric.name(), metric.type(), metric.denominator(), metric.quantile());
        boolean any = v.units() > 0;
        return new ExperimentResults.VariantSummary(v.variant(), spec.control(), spec.weight(), v.units(),
                any ? arm.mean() : null, any ? arm.variance() : null, any ? Math.sqrt(arm.variance()) : null,
                arm instanceof ProportionStatistic p ? p.conversions() : null);
    }

    private static ExperimentResults.Srm srm(ExperimentDesign design, List<VariantData> ordered) {
        List<Long> observed = ordered.stream().map(VariantData::units).toList();
        List<Double> weights = design.variants().stream().map(VariantSpec::weight).toList();
        SrmResult r = SampleRatioMismatchCheck.check(new SrmRequest(observed, weights));
        return new ExperimentResults.Srm(observed, weights, r.pValue(), r.mismatch(), r.status().name());
    }

    /** Used by {@link Guardrails}: a frequentist comparison of one metric. */
    static ComparisonResult compare(MetricType type, double alpha, ArmStatistic control, ArmStatistic treatment) {
        return ExperimentComparison.compare(new ComparisonRequest(type, InferenceMethod.FREQUENTIST, alpha, control,
                treatment));
    }
}
