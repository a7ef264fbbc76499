package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;

/**
 * The decision the data supports, in this order:
 * <ol>
 *   <li>no exposed units: INCONCLUSIVE;</li>
 *   <li>a sample ratio mismatch (p &lt; 0.001): INCONCLUSIVE, the assignment or logging is broken;</li>
 *   <li>a fixed-horizon analysis (FREQUENTIST, BAYESIAN) before the required sample, unless the data is final:
 *       INCONCLUSIVE, since deciding on an early look inflates false positives (SEQUENTIAL may look any time);</li>
 *   <li>treatments convincingly better on the primary metric (significant after the correction in the good
 *       direction; BAYESIAN: chance to be better ≥ 1 − alpha) that violate no guardrail: SHIP the one with the
 *       largest lift in the good direction;</li>
 *   <li>when the primary metric states a non-inferiority margin and the required sample is reached (or the data is
 *       final, even under SEQUENTIAL, since the test is fixed-horizon): treatments proven no worse than control by
 *       more than the margin (adjusted one-sided p &lt; alpha) that violate no guardrail: SHIP the one with the largest
 *       lift in the good direction;</li>
 *   <li>a better treatment that violates a guardrail: KEEP_CONTROL;</li>
 *   <li>every treatment convincingly worse: KEEP_CONTROL;</li>
 *   <li>otherwise INCONCLUSIVE.</li>
 * </ol>
 */
final class Recommender {

    private Recommender() {
    }

    static ExperimentResults.Recommendation recommend(ExperimentDesign design, ExperimentResults.PrimaryMetric primary,
            List<ExperimentResults.Guardrail> guardrails, ExperimentResults.Srm srm, ExperimentResults.Progress progress,
            long totalUnits, boolean finalLook) {
        String metric = primary.name();
        if (totalUnits == 0) {
            return inconclusive("no exposed units yet");
        }
        if (Boolean.TRUE.equals(srm.mismatch())) {
            return inconclusive("sample ratio mismatch: units per variant %s against weights %s (p = %s); the assignment "
                    .formatted(srm.observed(), srm.expectedWeights(), number(srm.pValue()))
                    + "or the exposure logging is broken, so the results cannot be trusted");
        }
        boolean fixedHorizon = design.analysis() != AnalysisMethod.SEQUENTIAL;
        if (fixedHorizon && !progress.reached() && !finalLook) {
            return inconclusive(("fixed-horizon analysis: %,d of %,d units per variant so far; deciding before the "
                    + "required sample inflates false positives").formatted(progress.smallestVariantUnits(),
                            progress.requiredUnitsPerVariant()));
        }
        List<String> reasons = new ArrayList<>();
        if (fixedHorizon && !progress.reached()) {
            reasons.add("the required sample was not reached (%,d of %,d units per variant)"
                    .formatted(progress.smallestVariantUnits(), progress.requiredUnitsPerVariant()));
        }
        Direction direction = Direction.valueOf(primary.direction());
        List<ExperimentResults.Comparison> winners = new ArrayList<>();
        List<ExperimentResults.Comparison> blocked = new ArrayList<>();
        for (ExperimentResults.Comparison c : primary.comparisons()) {
            if (c.better()) {
                (violated(guardrails, c.variant()).isEmpty() ? winners : blocked).add(c);
            }
        }
        if (!winners.isEmpty()) {
            winners.sort(Comparator.comparingDouble((ExperimentResults.Comparison c) -> direction.towardsBetter(
                    c.relativeLift() != null ? c.relativeLift() : c.absoluteDifference())).reversed());
            ExperimentResults.Comparison best = winners.get(0);
            reasons.add(0, describe(design, metric, best));
            for (ExperimentResults.Guardrail g : guardrails) {
                g.comparisons().stream().filter(x -> x.variant().equals(best.variant()) && !Guardrails.PASSED.equals(x.status()))
                        .forEach(x -> reasons.add("guardrail %s is %s for %s".formatted(g.name(), x.status(), best.variant())));
            }
            return new ExperimentResults.Recommendation("SHIP:" + best.variant(), reasons);
        }
        boolean nonInferiorityReady = design.primaryMetric().nonInferiorityMargin() != null
                && (progress.reached() || finalLook);
        if (nonInferiorityReady) {
            List<ExperimentResults.Comparison> safe = new ArrayList<>();
            for (ExperimentResults.Comparison c : primary.comparisons()) {
                if (c.nonInferiority() != null && Boolean.TRUE.equals(c.nonInferiority().nonInferior())
                        && violated(guardrails, c.variant()).isEmpty()) {
                    safe.add(c);
                }
            }
            if (!safe.isEmpty()) {
                safe.sort(Comparator.comparingDouble((ExperimentResults.Comparison c) -> direction.towardsBetter(
                        c.relativeLift() != null ? c.relativeLift() : c.absoluteDifference())).reversed());
                ExperimentResults.Comparison best = safe.get(0);
                ExperimentResults.NonInferiority ni = best.nonInferiority();
                reasons.add(0, ("%s is no worse than control on %s by more than %s: one-sided adjusted p = %s, the "
                        + "change in the good direction is at least %s at %s").formatted(best.variant(), metric,
                                percent(ni.margin()).replace("+", ""), number(ni.adjustedPValue()),
                                percent(ni.worstLift()), String.format(Locale.ROOT, "%.0f %%", (1 - design.alpha()) * 100)));
                return new ExperimentResults.Recommendation("SHIP:" + best.variant(), reasons);
            }
            reasons.add("no treatment is proven no worse than control on %s by more than %s".formatted(metric,
                    percent(design.primaryMetric().nonInferiorityMargin()).replace("+", "")));
        }
        if (!blocked.isEmpty()) {
            for (ExperimentResults.Comparison c : blocked) {
                reasons.add(0, "%s beats control on %s but violates guardrail(s) %s".formatted(c.variant(), metric,
                        violated(guardrails, c.variant())));
            }
            return new ExperimentResults.Recommendation("KEEP_CONTROL", reasons);
        }
        if (!primary.comparisons().isEmpty() && primary.comparisons().stream().allMatch(ExperimentResults.Comparison::worse)) {
            reasons.add(0, "every treatment is worse than control on " + metric);
            return new ExperimentResults.Recommendation("KEEP_CONTROL", reasons);
        }
        reasons.add(0, "no treatment is convincingly better than control on " + metric);
        return new ExperimentResults.Recommendation("INCONCLUSIVE", reasons);
    }

    private static List<String> violated(List<ExperimentResults.Guardrail> guardrails, String variant) {
        List<String> names = new ArrayList<>();
        for (ExperimentResults.Guardrail g : guardrails) {
            if (g.comparisons().stream().anyMatch(c -> c.variant().equals(variant) && Guardrails.VIOLATED.equals(c.status()))) {
                names.add(g.name());
            }
        }
        return names;
    }

    private static String describe(ExperimentDesign design, String metric, ExperimentResults.Comparison c) {
        String lift = c.relativeLift() == null ? "an absolute change of " + number(c.absoluteDifference())
                : percent(c.relativeLift());
        return switch (design.analysis()) {
            case BAYESIAN -> "%s changes %s by %s; chance to be better %s, expected loss %s".formatted(c.variant(), metric,
                    lift, c.chanceToBeBetter() == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", c.chanceToBeBetter() * 100),
                    number(c.expectedLoss()));
            case SEQUENTIAL -> "%s changes %s by %s and crossed the always-valid boundary (adjusted p = %s, %s)"
                    .formatted(c.variant(), metric, lift, number(c.sequential().adjustedPValue()), design.correction());
            default -> "%s changes %s by %s (adjusted p = %s, %s)".formatted(c.variant(), metric, lift,
                    number(c.adjustedPValue()), design.correction());
        };
    }

    private static ExperimentResults.Recommendation inconclusive(String reason) {
        return new ExperimentResults.Recommendation("INCONCLUSIVE", List.of(reason));
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%+.2f %%", value * 100);
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
