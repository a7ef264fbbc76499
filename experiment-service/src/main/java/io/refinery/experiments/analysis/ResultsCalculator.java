package io.refinery.experiments.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.refinery.experiments.stats.AdjustedPValues;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.ComparisonRequest;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.experiments.stats.CupedAdjustment;
import io.refinery.experiments.stats.CupedRequest;
import io.refinery.experiments.stats.CupedResult;
import io.refinery.experiments.stats.ExperimentComparison;
import io.refinery.experiments.stats.InferenceMethod;
import io.refinery.experiments.stats.InvalidStatisticsInputException;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.MixingVariance;
import io.refinery.experiments.stats.MixtureSequentialProbabilityRatioTest;
import io.refinery.experiments.stats.MultiTreatmentRequest;
import io.refinery.experiments.stats.MultiTreatmentResult;
import io.refinery.experiments.stats.PValueAdjustment;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.RegressionAdjustedStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.refinery.experiments.stats.SampleRatioMismatchCheck;
import io.refinery.experiments.stats.SequentialRequest;
import io.refinery.experiments.stats.SequentialResult;
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
 *   <li>SRM: Pearson's chi-square of the units against the weights ({@link SampleRatioMismatchCheck}).</li>
 *   <li>The recommendation: see {@link Recommender}.</li>
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
        boolean cuped = cupedApplies(metric, ordered);
        List<ExperimentResults.Comparison> comparisons = primary(design, control, treatments, cuped, previous);
        List<ExperimentResults.Guardrail> guardrails = design.guardrails().stream()
                .map(g -> Guardrails.check(g, design, control, treatments, previous)).toList();
        ExperimentResults.Srm srm = srm(design, ordered);
        long smallest = ordered.stream().mapToLong(VariantData::units).min().orElse(0);
        long required = design.requiredUnitsPerVariant();
        ExperimentResults.Progress progress = new ExperimentResults.Progress(required, smallest,
                required == 0 ? 1 : Math.min(1, (double) smallest / required), smallest >= required);
        ExperimentResults.PrimaryMetric primary = new ExperimentResults.PrimaryMetric(metric.name(), metric.type().name(),
                metric.direction().name(), cuped, comparisons);
        long total = ordered.stream().mapToLong(VariantData::units).sum();
        ExperimentResults.Recommendation recommendation = Recommender.recommend(design, primary, guardrails, srm,
                progress, total, finalLook);
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

    static ArmStatistic arm(VariantData v, String metric, MetricType type) {
        VariantData.MetricSums sums = v.metric(metric);
        return type == MetricType.BINOMIAL ? new ProportionStatistic(v.units(), Math.min(sums.conversions(), v.units()))
                : new SampleMeanStatistic(v.units(), sums.sum(), sums.sumOfSquares());
    }

    private static RegressionAdjustedStatistic regression(VariantData v, String metric) {
        VariantData.MetricSums sums = v.metric(metric);
        return new RegressionAdjustedStatistic(v.units(), sums.sum(), sums.sumOfSquares(), v.covariateSum(),
                v.covariateSumOfSquares(), sums.sumOfProducts());
    }

    private static boolean cupedApplies(MetricSpec metric, List<VariantData> variants) {
        return metric.type() == MetricType.CONTINUOUS
                && variants.stream().allMatch(v -> v.units() > 0 && v.covariateUnits() == v.units());
    }

    private static ExperimentResults.VariantSummary summary(VariantSpec spec, VariantData v, MetricSpec metric) {
        ArmStatistic arm = arm(v, metric.name(), metric.type());
        boolean any = v.units() > 0;
        return new ExperimentResults.VariantSummary(v.variant(), spec.control(), spec.weight(), v.units(),
                any ? arm.mean() : null, any ? arm.variance() : null, any ? Math.sqrt(arm.variance()) : null,
                arm instanceof ProportionStatistic p ? p.conversions() : null);
    }

    private static List<ExperimentResults.Comparison> primary(ExperimentDesign design, VariantData control,
            List<VariantData> treatments, boolean cuped, Map<String, SequentialLook> previous) {
        MetricSpec metric = design.primaryMetric();
        InferenceMethod inference = design.analysis().inference();
        try {
            List<ComparisonResult> results = new ArrayList<>();
            List<Double> thetas = new ArrayList<>();
            AdjustedPValues adjusted;
            if (cuped) {
                List<Double> pValues = new ArrayList<>();
                for (VariantData t : treatments) {
                    CupedResult r = ExperimentComparison.compareWithCuped(new CupedRequest(inference, design.alpha(),
                            regression(control, metric.name()), regression(t, metric.name())));
                    results.add(r.comparison());
                    thetas.add(r.theta());
                    pValues.add(r.comparison().pValue());
                }
                adjusted = PValueAdjustment.adjust(pValues, design.correction());
            } else {
                MultiTreatmentResult r = ExperimentComparison.compareTreatments(new MultiTreatmentRequest(metric.type(),
                        inference, design.alpha(), arm(control, metric.name(), metric.type()),
                        treatments.stream().map(t -> arm(t, metric.name(), metric.type())).toList(), design.correction()));
                r.treatments().forEach(t -> results.add(t.comparison()));
                treatments.forEach(t -> thetas.add(null));
                adjusted = r.pValues();
            }
            List<ExperimentResults.Sequential> sequential = design.analysis() == AnalysisMethod.SEQUENTIAL
                    ? sequential(design, control, treatments, cuped, previous) : null;
            List<ExperimentResults.Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < treatments.size(); i++) {
                comparisons.add(comparison(design, treatments.get(i).variant(), results.get(i),
                        adjusted.adjusted().get(i), sequential == null ? null : sequential.get(i), thetas.get(i)));
            }
            return comparisons;
        } catch (InvalidStatisticsInputException e) {
            return treatments.stream().map(t -> new ExperimentResults.Comparison(t.variant(), null, null, null, null,
                    null, null, null, null, null, null, false, false, null, "INVALID_DATA",
                    "the stored sums are inconsistent (" + e.field() + ": " + e.getMessage() + ")")).toList();
        }
    }

    private static ExperimentResults.Comparison comparison(ExperimentDesign design, String variant, ComparisonResult r,
            Double adjustedPValue, ExperimentResults.Sequential sequential, Double theta) {
        Direction direction = design.primaryMetric().direction();
        double alpha = design.alpha();
        Double towards = r.absoluteDifference() == null ? null : direction.towardsBetter(r.absoluteDifference());
        boolean better;
        boolean worse;
        Boolean significant;
        Double chanceToBeBetter = null;
        switch (design.analysis()) {
            case BAYESIAN -> {
                chanceToBeBetter = r.chanceToBeatControl() == null ? null
                        : direction == Direction.INCREASE ? r.chanceToBeatControl() : 1 - r.chanceToBeatControl();
                better = chanceToBeBetter != null && chanceToBeBetter >= 1 - alpha;
                worse = chanceToBeBetter != null && chanceToBeBetter <= alpha;
                significant = null;
            }
            case SEQUENTIAL -> {
                significant = sequential.boundaryCrossed();
                better = Boolean.TRUE.equals(significant) && towards != null && towards > 0;
                worse = Boolean.TRUE.equals(significant) && towards != null && towards < 0;
            }
            default -> {
                significant = adjustedPValue == null ? null : adjustedPValue < alpha;
                better = Boolean.TRUE.equals(significant) && towards != null && towards > 0;
                worse = Boolean.TRUE.equals(significant) && towards != null && towards < 0;
            }
        }
        return new ExperimentResults.Comparison(variant, r.absoluteDifference(), r.relativeLift(), r.confidenceInterval(),
                r.pValue(), adjustedPValue, significant, r.chanceToBeatControl(), chanceToBeBetter, r.expectedLoss(),
                sequential, better, worse, theta, r.status().name(), r.message());
    }

    private static List<ExperimentResults.Sequential> sequential(ExperimentDesign design, VariantData control,
            List<VariantData> treatments, boolean cuped, Map<String, SequentialLook> previous) {
        MetricSpec metric = design.primaryMetric();
        MixingVariance mixing = new MixingVariance.TunedForSampleSize(Math.max(1, design.requiredUnitsPerVariant()));
        List<SequentialResult> looks = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (VariantData t : treatments) {
            ArmStatistic c;
            ArmStatistic x;
            if (cuped) {
                CupedAdjustment.AdjustedArms arms = CupedAdjustment.adjust(regression(control, metric.name()),
                        regression(t, metric.name()));
                c = arms.control();
                x = arms.treatment();
            } else {
                c = arm(control, metric.name(), metric.type());
                x = arm(t, metric.name(), metric.type());
            }
            SequentialLook last = previous.get(t.variant());
            ConfidenceInterval lastInterval = last == null || last.lower() == null || last.upper() == null ? null
                    : new ConfidenceInterval(last.lower(), last.upper());
            SequentialResult look = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(design.alpha(), c, x,
                    mixing, last == null ? null : last.pValue(), lastInterval));
            looks.add(look);
            pValues.add(look.pValue());
        }
        AdjustedPValues adjusted = PValueAdjustment.adjust(pValues, design.correction());
        List<ExperimentResults.Sequential> out = new ArrayList<>();
        for (int i = 0; i < looks.size(); i++) {
            SequentialResult look = looks.get(i);
            Double p = adjusted.adjusted().get(i);
            out.add(new ExperimentResults.Sequential(look.pValue(), p, look.confidenceInterval(),
                    p == null ? null : p <= design.alpha(), look.tauSquared()));
        }
        return out;
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
