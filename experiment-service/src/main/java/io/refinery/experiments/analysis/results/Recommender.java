package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.Direction;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.stats.SampleSizeCalculator;

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
 *
 * <p>The advice turns the decision into what to do now, using the power the test has reached (the chance to detect
 * the planned MDE with the units and variances so far; the design planned for {@code power}, 80 % by default):
 * <ul>
 *   <li>SHIP:&lt;variant&gt; → SHIP; KEEP_CONTROL → DONT_SHIP;</li>
 *   <li>INCONCLUSIVE because of a sample ratio mismatch → INCONCLUSIVE (fix the assignment or logging first);</li>
 *   <li>INCONCLUSIVE while the data is not final and the test can still learn (no units yet, a fixed-horizon test
 *       before its required sample, or a sequential one whose power is below the planned power) → KEEP_RUNNING;</li>
 *   <li>INCONCLUSIVE with the power reached (≥ the planned power): DONT_SHIP, since a test that could see the MDE
 *       found nothing as large: the change does not pay for itself on this metric;</li>
 *   <li>INCONCLUSIVE on final data without that power → INCONCLUSIVE: the data cannot tell.</li>
 * </ul>
 *
 * <p>An A/A test (identical variants) never ships: its decision is INCONCLUSIVE and its advice AA_FAILED when the
 * units do not split as the weights say (SRM) or, once the required sample is reached (any time under SEQUENTIAL, or
 * on final data), when a comparison finds a difference on the primary metric or a guardrail is VIOLATED; AA_PASSED
 * when neither happens by then; KEEP_RUNNING before. A difference is expected by chance at rate alpha (see
 * {@code GET /api/v1/analysis/aa-check}); a repeated one points at the assignment, the logging or the metric.
 *
 * <p>A holdout (control: the units kept out of every change since it began; the treatment: everyone else) is never
 * shipped: its decision is RELEASE, and its advice reads the cumulative impact of what shipped: IMPACT_POSITIVE or
 * IMPACT_NEGATIVE when the exposed units are convincingly better or worse once the required sample is reached (any
 * time under SEQUENTIAL, or on final data); NO_IMPACT_DETECTED when neither with the planned power reached;
 * INCONCLUSIVE on a sample ratio mismatch or on final data without that power; KEEP_RUNNING otherwise.
 */
final class Recommender {

    private Recommender() {
    }

    static ExperimentResults.Recommendation recommend(ExperimentDesign design, ExperimentResults.PrimaryMetric primary,
            List<ExperimentResults.Guardrail> guardrails, ExperimentResults.Srm srm, ExperimentResults.Progress progress,
            List<ExperimentResults.VariantSummary> variants, long totalUnits, boolean finalLook, double plannedPower) {
        Double power = power(design, variants);
        if (design.aaTest()) {
            return aaTest(design, primary, guardrails, srm, progress, totalUnits, finalLook, power);
        }
        if (design.holdout()) {
            return holdout(design, primary, srm, progress, totalUnits, finalLook, power, plannedPower);
        }
        Decided d = decide(design, primary, guardrails, srm, progress, totalUnits, finalLook);
        String advice;
        List<String> reasons = new ArrayList<>(d.reasons());
        if (d.decision().startsWith("SHIP:")) {
            advice = "SHIP";
        } else if (d.decision().equals("KEEP_CONTROL")) {
            advice = "DONT_SHIP";
        } else if (Boolean.TRUE.equals(srm.mismatch())) {
            advice = "INCONCLUSIVE";
        } else if (power != null && power >= plannedPower && totalUnits > 0
                && (progress.reached() || finalLook || design.analysis() == AnalysisMethod.SEQUENTIAL)) {
            advice = "DONT_SHIP";
            reasons.add("the test has %s power to detect the planned %s change and found none that large: the change "
                    .formatted(String.format(Locale.ROOT, "%.0f %%", power * 100),
                            percent(design.primaryMetric().minimumDetectableEffect()).replace("+", ""))
                    + "does not pay for itself on " + primary.name());
        } else if (!finalLook) {
            advice = "KEEP_RUNNING";
        } else {
            advice = "INCONCLUSIVE";
            if (power != null) {
                reasons.add("with %s power to detect the planned change, the data cannot tell"
                        .formatted(String.format(Locale.ROOT, "%.0f %%", power * 100)));
            }
        }
        return new ExperimentResults.Recommendation(d.decision(), reasons, advice, power);
    }

    private static ExperimentResults.Recommendation aaTest(ExperimentDesign design,
            ExperimentResults.PrimaryMetric primary, List<ExperimentResults.Guardrail> guardrails,
            ExperimentResults.Srm srm, ExperimentResults.Progress progress, long totalUnits, boolean finalLook,
            Double power) {
        List<String> reasons = new ArrayList<>();
        String advice;
        boolean ready = progress.reached() || finalLook || design.analysis() == AnalysisMethod.SEQUENTIAL;
        List<String> differences = new ArrayList<>();
        for (ExperimentResults.Comparison c : primary.comparisons()) {
            if (c.better() || c.worse()) {
                differences.add("%s differs from control on %s by %s".formatted(c.variant(), primary.name(),
                        c.relativeLift() == null ? number(c.absoluteDifference()) : percent(c.relativeLift())));
            }
        }
        for (ExperimentResults.Guardrail g : guardrails) {
            if (Guardrails.VIOLATED.equals(g.status())) {
                differences.add("guardrail " + g.name() + " is VIOLATED");
            }
        }
        if (Boolean.TRUE.equals(srm.mismatch())) {
            advice = "AA_FAILED";
            reasons.add("sample ratio mismatch: units per variant %s against weights %s (p = %s): the assignment or the "
                    .formatted(srm.observed(), srm.expectedWeights(), number(srm.pValue())) + "exposure logging is broken");
        } else if (totalUnits == 0 || !ready) {
            advice = "KEEP_RUNNING";
            reasons.add(totalUnits == 0 ? "no exposed units yet"
                    : "A/A test: %,d of %,d units per variant so far".formatted(progress.smallestVariantUnits(),
                            progress.requiredUnitsPerVariant()));
        } else if (!differences.isEmpty()) {
            advice = "AA_FAILED";
            reasons.addAll(differences);
            reasons.add(("identical variants should differ only by chance (at rate %s); check the assignment, the "
                    + "logging and the metric's definition, then run it again").formatted(number(design.alpha())));
        } else {
            advice = "AA_PASSED";
            reasons.add("no difference between identical variants on %s, no sample ratio mismatch: the setup can be "
                    .formatted(primary.name()) + "trusted");
        }
        reasons.add("an A/A test never ships");
        return new ExperimentResults.Recommendation("INCONCLUSIVE", reasons, advice, power);
    }

    private static ExperimentResults.Recommendation holdout(ExperimentDesign design,
            ExperimentResults.PrimaryMetric primary, ExperimentResults.Srm srm, ExperimentResults.Progress progress,
            long totalUnits, boolean finalLook, Double power, double plannedPower) {
        List<String> reasons = new ArrayList<>();
        String advice;
        ExperimentResults.Comparison c = primary.comparisons().isEmpty() ? null : primary.comparisons().get(0);
        boolean ready = progress.reached() || finalLook || design.analysis() == AnalysisMethod.SEQUENTIAL;
        if (Boolean.TRUE.equals(srm.mismatch())) {
            advice = "INCONCLUSIVE";
            reasons.add("sample ratio mismatch: held-out and exposed units %s against weights %s (p = %s): the holdout's "
                    .formatted(srm.observed(), srm.expectedWeights(), number(srm.pValue())) + "assignment or exposure "
                    + "logging is broken, so the impact cannot be trusted");
        } else if (totalUnits == 0 || c == null) {
            advice = "KEEP_RUNNING";
            reasons.add("no exposed units yet");
        } else if (ready && (c.better() || c.worse())) {
            advice = c.better() ? "IMPACT_POSITIVE" : "IMPACT_NEGATIVE";
            reasons.add("what shipped since the holdout began changes %s by %s against the held-out units (%s)"
                    .formatted(primary.name(), c.relativeLift() == null ? number(c.absoluteDifference())
                            : percent(c.relativeLift()), c.adjustedPValue() != null ? "p = " + number(c.adjustedPValue())
                                    : "chance to be better " + number(c.chanceToBeBetter())));
        } else if (ready && power != null && power >= plannedPower) {
            advice = "NO_IMPACT_DETECTED";
            reasons.add("with %s power to detect a %s change, the exposed units do not differ from the held-out ones on %s"
                    .formatted(String.format(Locale.ROOT, "%.0f %%", power * 100),
                            percent(design.primaryMetric().minimumDetectableEffect()).replace("+", ""), primary.name()));
        } else if (!finalLook) {
            advice = "KEEP_RUNNING";
            reasons.add(ready ? "no impact of the planned size found yet; the holdout keeps measuring"
                    : "holdout: %,d of %,d held-out units so far; reading the impact earlier inflates false positives"
                            .formatted(progress.smallestVariantUnits(), progress.requiredUnitsPerVariant()));
        } else {
            advice = "INCONCLUSIVE";
            reasons.add("the holdout ended without enough data to tell the impact on " + primary.name());
        }
        reasons.add("a holdout is never shipped: it ends by releasing its units");
        return new ExperimentResults.Recommendation("RELEASE", reasons, advice, power);
    }

    /** A decision and its reasons, before the advice. */
    private record Decided(String decision, List<String> reasons) {
    }

    /**
     * The lowest power over the treatments to detect the planned relative MDE on the control's mean, with the
     * difference's standard error from the arms' observed per-unit variances; null without units or variance.
     */
    static Double power(ExperimentDesign design, List<ExperimentResults.VariantSummary> variants) {
        ExperimentResults.VariantSummary control = variants.stream().filter(ExperimentResults.VariantSummary::control)
                .findFirst().orElse(null);
        if (control == null || control.units() < 2 || control.mean() == null || control.variance() == null) {
            return null;
        }
        double effect = design.primaryMetric().minimumDetectableEffect() * control.mean();
        Double lowest = null;
        for (ExperimentResults.VariantSummary t : variants) {
            if (t.control()) {
                continue;
            }
            if (t.units() < 2 || t.variance() == null) {
                return null;
            }
            double se = Math.sqrt(control.variance() / control.units() + t.variance() / t.units());
            Double p = SampleSizeCalculator.achievedPower(effect, se, design.alpha());
            if (p == null) {
                return null;
            }
            lowest = lowest == null ? p : Math.min(lowest, p);
        }
        return lowest;
    }

    private static Decided decide(ExperimentDesign design, ExperimentResults.PrimaryMetric primary,
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
            return new Decided("SHIP:" + best.variant(), reasons);
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
                return new Decided("SHIP:" + best.variant(), reasons);
            }
            reasons.add("no treatment is proven no worse than control on %s by more than %s".formatted(metric,
                    percent(design.primaryMetric().nonInferiorityMargin()).replace("+", "")));
        }
        if (!blocked.isEmpty()) {
            for (ExperimentResults.Comparison c : blocked) {
                reasons.add(0, "%s beats control on %s but violates guardrail(s) %s".formatted(c.variant(), metric,
                        violated(guardrails, c.variant())));
            }
            return new Decided("KEEP_CONTROL", reasons);
        }
        if (!primary.comparisons().isEmpty() && primary.comparisons().stream().allMatch(ExperimentResults.Comparison::worse)) {
            reasons.add(0, "every treatment is worse than control on " + metric);
            return new Decided("KEEP_CONTROL", reasons);
        }
        reasons.add(0, "no treatment is convincingly better than control on " + metric);
        return new Decided("INCONCLUSIVE", reasons);
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

    private static Decided inconclusive(String reason) {
        return new Decided("INCONCLUSIVE", List.of(reason));
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%+.2f %%", value * 100);
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4g", value);
    }
}
