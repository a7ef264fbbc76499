package io.refinery.experiments.stats;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Bayesian comparison of two conversion rates with independent uniform Beta(1, 1) priors, so the posteriors are
 * p_c ~ Beta(1 + x_c, 1 + n_c − x_c) and p_t ~ Beta(1 + x_t, 1 + n_t − x_t).
 *
 * <ul>
 *   <li>{@code chanceToBeatControl} = P(p_t &gt; p_c), exactly, by Evan Miller's closed form (see
 *       {@link BetaPosteriorComparison}; absolute error about 10⁻¹⁶ × units, e.g. 10⁻¹¹ for million-unit arms; no
 *       simulation, no numerical integration, well under a millisecond).</li>
 *   <li>{@code expectedLoss} = E[max(p_c − p_t, 0)], what shipping treatment costs in conversion rate (absolute
 *       scale, e.g. 0.0004 = 0.04 percentage points) if control is in fact better; exactly, by Chris Stucchio's
 *       closed form folded into a single Miller series (see {@link BetaPosteriorComparison}), same accuracy.</li>
 *   <li>{@code confidenceInterval}: a credible interval on the relative lift p_t/p_c − 1 from a normal approximation
 *       of the posterior, with the delta method ({@link RelativeLift}) on the posterior means a/(a + b) and variances
 *       ab/((a + b)²(a + b + 1)), ± z_{1−α/2}, as gbstats' Bayesian test does.</li>
 *   <li>{@code relativeLift} and {@code absoluteDifference} are the observed ones, as under the frequentist method;
 *       {@code pValue} and {@code significant} are null.</li>
 * </ul>
 * Zero conversions (or all) in both arms is reported as degenerate rather than analysed, as under the frequentist
 * method, so both methods agree on what can be compared.
 */
public final class BetaBinomialBayesianTest {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final double alpha;

    /** @param alpha one minus the credible level of the interval, strictly between 0 and 1 */
    public BetaBinomialBayesianTest(double alpha) {
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        this.alpha = alpha;
    }

    /** Compares {@code treatment} with {@code control}; never throws for degenerate data. */
    public ComparisonResult compare(ProportionStatistic control, ProportionStatistic treatment) {
        Inputs.requireNonNull(control, "control").validate("control");
        Inputs.requireNonNull(treatment, "treatment").validate("treatment");
        AnalysisStatus degenerate = Degeneracy.ofProportions(control, treatment);
        if (degenerate != null) {
            return ComparisonResult.degenerate(degenerate);
        }
        long ac = 1 + control.conversions();
        long bc = 1 + control.units() - control.conversions();
        long at = 1 + treatment.conversions();
        long bt = 1 + treatment.units() - treatment.conversions();

        double chance = BetaPosteriorComparison.probabilityGreater(at, bt, ac, bc);
        double loss = BetaPosteriorComparison.expectedExcess(ac, bc, at, bt);

        double critical = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        ComparisonResult.LiftEstimate posteriorLift = RelativeLift.estimate(mean(ac, bc), variance(ac, bc),
                mean(at, bt), variance(at, bt), critical);
        ComparisonResult.LiftEstimate lift = control.conversions() == 0 || posteriorLift == null ? null
                : new ComparisonResult.LiftEstimate(treatment.mean() / control.mean() - 1, posteriorLift.interval());
        return ComparisonResult.bayesian(treatment.mean() - control.mean(), lift, chance, loss);
    }

    private static double mean(long a, long b) {
        return (double) a / (a + b);
    }

    private static double variance(long a, long b) {
        double total = (double) a + b;
        return a * (b / (total * total * (total + 1)));
    }
}
