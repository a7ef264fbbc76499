package io.refinery.experiments.analysis.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.refinery.experiments.experiment.design.AnalysisMethod;
import io.refinery.experiments.experiment.design.ExperimentDesign;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.SequentialLook;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.experiments.stats.InvalidStatisticsInputException;
import io.refinery.experiments.stats.MixingVariance;
import io.refinery.experiments.stats.MixtureSequentialProbabilityRatioTest;
import io.refinery.experiments.stats.SequentialRequest;
import io.refinery.experiments.stats.SequentialResult;

/**
 * Judges a guardrail metric per treatment from its relative change g and an interval on it, both turned to the
 * metric's good direction, against the tolerated regression m = maxRegression:
 * <ul>
 *   <li>PASSED: the interval's lower end is at least −m (a regression beyond m is ruled out);</li>
 *   <li>VIOLATED: the interval's upper end is below 0 (significantly worse) and g &lt; −m;</li>
 *   <li>AT_RISK: neither, yet; NO_DATA: no comparison possible (no units, no variance, a control mean of 0).</li>
 * </ul>
 * The guardrail's status is the worst of its treatments'.
 *
 * <p>Which interval depends on the experiment's analysis:
 * <ul>
 *   <li>FREQUENTIST and BAYESIAN: the fixed-horizon comparison (z-test or Welch's t-test) with its delta-method
 *       interval on the relative lift. BAYESIAN keeps it on purpose: the engine's Bayesian outputs (chance to beat
 *       control, expected loss) answer "which variant is better", not "is the regression within m", and under
 *       the flat priors used the central credible interval of the difference agrees with this interval to first
 *       order at the sample sizes a guardrail is judged at.</li>
 *   <li>SEQUENTIAL: results are looked at while the experiment runs (and the clocked checks act on them), so a
 *       fixed-horizon interval would be peeked at. The guardrail uses the same always-valid mSPRT as the primary
 *       metric ({@link MixtureSequentialProbabilityRatioTest}, τ² tuned for the experiment's required sample with
 *       the guardrail metric's own variances), continuing from its previous recorded look (key
 *       {@code <metric>/<variant>} in the sequential state) so its p-value never rises and its interval never
 *       widens. The always-valid interval [L, U] is on the absolute difference m_t − m_c; the relative interval
 *       is [L, U] / |m̂_c| and the relative change (m̂_t − m̂_c) / |m̂_c|. Dividing by the observed control mean
 *       treats it as known: its own sampling error (relative standard error 1/√(n_c) · s_c/|m̂_c|) is left out,
 *       which narrows the relative interval by a term of that order; equivalently, the always-valid absolute
 *       interval is judged against the tolerance m·|m̂_c|. The p-value is the always-valid one, not adjusted
 *       (a guardrail is a one-metric safety check per treatment, not a claim of a win).</li>
 * </ul>
 */
final class Guardrails {

    static final String PASSED = "PASSED";
    static final String AT_RISK = "AT_RISK";
    static final String VIOLATED = "VIOLATED";
    static final String NO_DATA = "NO_DATA";
    private static final List<String> WORST_FIRST = List.of(VIOLATED, AT_RISK, NO_DATA, PASSED);

    private Guardrails() {
    }

    /** The key of a guardrail's sequential look in the recorded state (variant keys never contain '/'). */
    static String lookKey(String guardrail, String variant) {
        return guardrail + "/" + variant;
    }

    static ExperimentResults.Guardrail check(GuardrailSpec g, ExperimentDesign design, VariantData control,
            List<VariantData> treatments, Map<String, SequentialLook> previous) {
        List<ExperimentResults.GuardrailComparison> comparisons = new ArrayList<>();
        String worst = PASSED;
        for (VariantData t : treatments) {
            ExperimentResults.GuardrailComparison c = design.analysis() == AnalysisMethod.SEQUENTIAL
                    ? sequential(g, design, control, t, previous.get(lookKey(g.name(), t.variant())))
                    : fixedHorizon(g, design.alpha(), control, t);
            comparisons.add(c);
            if (WORST_FIRST.indexOf(c.status()) < WORST_FIRST.indexOf(worst)) {
                worst = c.status();
            }
        }
        return new ExperimentResults.Guardrail(g.name(), g.type().name(), g.denominator(), g.quantile(),
                g.direction().name(), g.maxRegression(), worst, comparisons);
    }

    private static ExperimentResults.GuardrailComparison fixedHorizon(GuardrailSpec g, double alpha, VariantData control,
            VariantData treatment) {
        ComparisonResult r;
        try {
            r = ResultsCalculator.compare(g.type(), alpha, ResultsCalculator.arm(control, g.name(), g.type(), g.denominator(), g.quantile()),
                    ResultsCalculator.arm(treatment, g.name(), g.type(), g.denominator(), g.quantile()));
        } catch (InvalidStatisticsInputException e) {
            return noData(treatment.variant(), AnalysisMethod.FREQUENTIST, null, null, null, null);
        }
        ConfidenceInterval ci = r.confidenceInterval();
        if (r.relativeLift() == null || ci == null) {
            return noData(treatment.variant(), AnalysisMethod.FREQUENTIST, r.relativeLift(), ci, r.pValue(), null);
        }
        return new ExperimentResults.GuardrailComparison(treatment.variant(), r.relativeLift(), ci, r.pValue(),
                status(g, r.relativeLift(), ci), AnalysisMethod.FREQUENTIST.name(), null);
    }

    private static ExperimentResults.GuardrailComparison sequential(GuardrailSpec g, ExperimentDesign design,
            VariantData control, VariantData treatment, SequentialLook last) {
        SequentialResult look;
        double controlMean;
        try {
            ArmStatistic c = ResultsCalculator.arm(control, g.name(), g.type(), g.denominator(), g.quantile());
            ArmStatistic x = ResultsCalculator.arm(treatment, g.name(), g.type(), g.denominator(), g.quantile());
            ConfidenceInterval lastInterval = last == null || last.lower() == null || last.upper() == null ? null
                    : new ConfidenceInterval(last.lower(), last.upper());
            look = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(design.alpha(), c, x,
                    new MixingVariance.TunedForSampleSize(Math.max(1, design.requiredUnitsPerVariant())),
                    last == null ? null : last.pValue(), lastInterval));
            controlMean = c.mean();
        } catch (InvalidStatisticsInputException e) {
            return noData(treatment.variant(), AnalysisMethod.SEQUENTIAL, null, null, null, null);
        }
        if (look.pValue() == null || look.confidenceInterval() == null) {
            return noData(treatment.variant(), AnalysisMethod.SEQUENTIAL, null, null, null, null);
        }
        ExperimentResults.Sequential s = new ExperimentResults.Sequential(look.pValue(), look.pValue(),
                look.confidenceInterval(), look.significant(), look.tauSquared());
        double scale = Math.abs(controlMean);
        double lift = look.difference() / scale;
        ConfidenceInterval relative = new ConfidenceInterval(look.confidenceInterval().lower() / scale,
                look.confidenceInterval().upper() / scale);
        if (scale == 0 || !Double.isFinite(lift) || !Double.isFinite(relative.lower())
                || !Double.isFinite(relative.upper())) {
            return noData(treatment.variant(), AnalysisMethod.SEQUENTIAL, null, null, look.pValue(), s);
        }
        return new ExperimentResults.GuardrailComparison(treatment.variant(), lift, relative, look.pValue(),
                status(g, lift, relative), AnalysisMethod.SEQUENTIAL.name(), s);
    }

    private static String status(GuardrailSpec g, double relativeLift, ConfidenceInterval ci) {
        double lift = g.direction().towardsBetter(relativeLift);
        double lower = Math.min(g.direction().towardsBetter(ci.lower()), g.direction().towardsBetter(ci.upper()));
        double upper = Math.max(g.direction().towardsBetter(ci.lower()), g.direction().towardsBetter(ci.upper()));
        return lower >= -g.maxRegression() ? PASSED : upper < 0 && lift < -g.maxRegression() ? VIOLATED : AT_RISK;
    }

    private static ExperimentResults.GuardrailComparison noData(String variant, AnalysisMethod method, Double lift,
            ConfidenceInterval ci, Double pValue, ExperimentResults.Sequential sequential) {
        return new ExperimentResults.GuardrailComparison(variant, lift, ci, pValue, NO_DATA, method.name(), sequential);
    }
}
