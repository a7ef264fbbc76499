package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.stats.AdjustedPValues;
import io.refinery.experiments.stats.ArmStatistic;
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
import io.refinery.experiments.stats.RegressionAdjustedStatistic;
import io.refinery.experiments.stats.SequentialRequest;
import io.refinery.experiments.stats.SequentialResult;

/**
 * The primary metric's comparisons of one evaluation: each treatment against control (fixed-horizon, Bayesian, or
 * with the always-valid mSPRT look under SEQUENTIAL), after CUPED when it applies, and the verdict each comparison
 * reaches (better, worse, significant) in the metric's direction. Pure; used by {@link ResultsCalculator}.
 */
final class PrimaryComparisons {

    private PrimaryComparisons() {
    }

    static ArmStatistic arm(VariantData v, MetricSpec metric) {
        return ResultsCalculator.arm(v, metric.name(), metric.type(), metric.denominator(), metric.quantile());
    }

    static RegressionAdjustedStatistic regression(VariantData v, String metric) {
        VariantData.MetricSums sums = v.metric(metric);
        return new RegressionAdjustedStatistic(v.units(), sums.sum(), sums.sumOfSquares(), v.covariateSum(),
                v.covariateSumOfSquares(), sums.sumOfProducts());
    }

    /** Whether CUPED applies: a CONTINUOUS metric whose every unit came with a pre-period covariate. */
    static boolean cupedApplies(MetricSpec metric, List<VariantData> variants) {
        return metric.type() == MetricType.CONTINUOUS
                && variants.stream().allMatch(v -> v.units() > 0 && v.covariateUnits() == v.units());
    }

    /**
     * Every treatment against control on the primary metric (after CUPED when {@code cuped}), p-values adjusted by the
     * design's correction, with the always-valid look under SEQUENTIAL; INVALID_DATA comparisons when the stored sums
     * are inconsistent.
     */
    static List<ExperimentResults.Comparison> compare(ExperimentDesign design, VariantData control,
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
                        inference, design.alpha(), arm(control, metric),
                        treatments.stream().map(t -> arm(t, metric)).toList(), design.correction()));
                r.treatments().forEach(t -> results.add(t.comparison()));
                treatments.forEach(t -> thetas.add(null));
                adjusted = r.pValues();
            }
            List<ExperimentResults.Sequential> sequential = design.analysis() == AnalysisMethod.SEQUENTIAL
                    ? sequential(design, control, treatments, cuped, previous) : null;
            List<ExperimentResults.NonInferiority> nonInferiority = metric.nonInferiorityMargin() == null ? null
                    : NonInferiorityChecks.check(design, control, treatments, cuped);
            List<ExperimentResults.Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < treatments.size(); i++) {
                comparisons.add(comparison(design, treatments.get(i).variant(), results.get(i),
                        adjusted.adjusted().get(i), sequential == null ? null : sequential.get(i), thetas.get(i),
                        nonInferiority == null ? null : nonInferiority.get(i)));
            }
            return comparisons;
        } catch (InvalidStatisticsInputException e) {
            return treatments.stream().map(t -> new ExperimentResults.Comparison(t.variant(), null, null, null, null,
                    null, null, null, null, null, null, false, false, null, null, "INVALID_DATA",
                    "the stored sums are inconsistent (" + e.field() + ": " + e.getMessage() + ")")).toList();
        }
    }

    private static ExperimentResults.Comparison comparison(ExperimentDesign design, String variant, ComparisonResult r,
            Double adjustedPValue, ExperimentResults.Sequential sequential, Double theta,
            ExperimentResults.NonInferiority nonInferiority) {
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
                sequential, better, worse, theta, nonInferiority, r.status().name(), r.message());
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
                c = arm(control, metric);
                x = arm(t, metric);
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
}
