package io.refinery.experiments.analysis;

import java.util.ArrayList;
import java.util.List;

import io.refinery.experiments.stats.ComparisonResult;
import io.refinery.experiments.stats.ConfidenceInterval;
import io.refinery.experiments.stats.InvalidStatisticsInputException;

/**
 * Judges a guardrail metric per treatment from the frequentist comparison's relative change g and its interval,
 * both turned to the metric's good direction, against the tolerated regression m = maxRegression:
 * <ul>
 *   <li>PASSED: the interval's lower end is at least −m (a regression beyond m is ruled out);</li>
 *   <li>VIOLATED: the interval's upper end is below 0 (significantly worse) and g &lt; −m;</li>
 *   <li>AT_RISK: neither, yet; NO_DATA: no comparison possible (no units, no variance, a control mean of 0).</li>
 * </ul>
 * The guardrail's status is the worst of its treatments'.
 */
final class Guardrails {

    static final String PASSED = "PASSED";
    static final String AT_RISK = "AT_RISK";
    static final String VIOLATED = "VIOLATED";
    static final String NO_DATA = "NO_DATA";
    private static final List<String> WORST_FIRST = List.of(VIOLATED, AT_RISK, NO_DATA, PASSED);

    private Guardrails() {
    }

    static ExperimentResults.Guardrail check(GuardrailSpec g, double alpha, VariantData control, List<VariantData> treatments) {
        List<ExperimentResults.GuardrailComparison> comparisons = new ArrayList<>();
        String worst = PASSED;
        for (VariantData t : treatments) {
            ExperimentResults.GuardrailComparison c = compare(g, alpha, control, t);
            comparisons.add(c);
            if (WORST_FIRST.indexOf(c.status()) < WORST_FIRST.indexOf(worst)) {
                worst = c.status();
            }
        }
        return new ExperimentResults.Guardrail(g.name(), g.type().name(), g.direction().name(), g.maxRegression(), worst,
                comparisons);
    }

    private static ExperimentResults.GuardrailComparison compare(GuardrailSpec g, double alpha, VariantData control,
            VariantData treatment) {
        ComparisonResult r;
        try {
            r = ResultsCalculator.compare(g.type(), alpha, ResultsCalculator.arm(control, g.name(), g.type()),
                    ResultsCalculator.arm(treatment, g.name(), g.type()));
        } catch (InvalidStatisticsInputException e) {
            return new ExperimentResults.GuardrailComparison(treatment.variant(), null, null, null, NO_DATA);
        }
        ConfidenceInterval ci = r.confidenceInterval();
        if (r.relativeLift() == null || ci == null) {
            return new ExperimentResults.GuardrailComparison(treatment.variant(), r.relativeLift(), ci, r.pValue(), NO_DATA);
        }
        double lift = g.direction().towardsBetter(r.relativeLift());
        double lower = Math.min(g.direction().towardsBetter(ci.lower()), g.direction().towardsBetter(ci.upper()));
        double upper = Math.max(g.direction().towardsBetter(ci.lower()), g.direction().towardsBetter(ci.upper()));
        String status = lower >= -g.maxRegression() ? PASSED
                : upper < 0 && lift < -g.maxRegression() ? VIOLATED : AT_RISK;
        return new ExperimentResults.GuardrailComparison(treatment.variant(), r.relativeLift(), ci, r.pValue(), status);
    }
}
