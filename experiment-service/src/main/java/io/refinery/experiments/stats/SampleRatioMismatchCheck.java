package io.refinery.experiments.stats;

import java.util.List;

import org.hipparchus.special.Gamma;

/**
 * Sample ratio mismatch (SRM): did the variants receive the share of units the split promised? Pearson's
 * chi-square goodness-of-fit test (Pearson 1900) of the observed counts o_i against the expected counts
 * e_i = N·w_i/Σw, N = Σo:
 * <pre>
 *     χ² = Σ (o_i − e_i)² / e_i,    df = k − 1,    p-value = P(χ²_df ≥ χ²) = Q(df/2, χ²/2)
 * </pre>
 * with Q the regularised upper incomplete gamma function (computed directly, so tiny p-values keep their digits);
 * the same as {@code scipy.stats.chisquare(observed, f_exp)}. A p-value below {@link #THRESHOLD} = 0.001 flags a
 * mismatch: a strict level, as SRM checks run on every experiment and a real mismatch usually shows p-values far
 * smaller (Kohavi, Tang &amp; Xu, <i>Trustworthy Online Controlled Experiments</i>, 2020, ch. 3 and 21).
 */
public final class SampleRatioMismatchCheck {

    /** p-values below this flag a mismatch. */
    public static final double THRESHOLD = 0.001;

    private SampleRatioMismatchCheck() {
    }

    /** Checks the split; never throws for valid input, even with no units at all. */
    public static SrmResult check(SrmRequest request) {
        Inputs.requireNonNull(request, "request");
        List<Long> observed = request.observed();
        List<Double> weights = request.expectedWeights();
        double total = 0;
        double weightTotal = 0;
        for (int i = 0; i < observed.size(); i++) {
            total += observed.get(i);
            weightTotal += weights.get(i);
        }
        if (total == 0) {
            return new SrmResult(null, null, AnalysisStatus.NO_UNITS, AnalysisStatus.NO_UNITS.message());
        }
        double chiSquare = 0;
        for (int i = 0; i < observed.size(); i++) {
            double expected = total * weights.get(i) / weightTotal;
            double deviation = observed.get(i) - expected;
            chiSquare += deviation * deviation / expected;
        }
        double degreesOfFreedom = observed.size() - 1;
        double pValue = Gamma.regularizedGammaQ(degreesOfFreedom / 2, chiSquare / 2);
        return new SrmResult(pValue, pValue < THRESHOLD, AnalysisStatus.OK, null);
    }
}
