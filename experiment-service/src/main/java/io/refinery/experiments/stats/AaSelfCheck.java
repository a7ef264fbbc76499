package io.refinery.experiments.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.BetaDistribution;

/**
 * The engine's own A/A test: many simulated experiments whose two arms come from the same distribution, each analysed
 * by the engine as a real one would be; the share that finds a difference is the false-positive rate, which should not
 * exceed alpha. Each scenario is seeded, so the same request always gives the same answer.
 *
 * <table>
 *   <caption>Scenarios (units per arm in brackets)</caption>
 *   <tr><td>BINOMIAL FREQUENTIST</td><td>conversion 5 % (2,000), pooled z-test</td></tr>
 *   <tr><td>BINOMIAL BAYESIAN</td><td>the same; a "finding" is a chance to beat control ≥ 1 − α, what ships a
 *       variant</td></tr>
 *   <tr><td>CONTINUOUS FREQUENTIST</td><td>order value, lognormal(3.5, 1) (500), Welch's t-test</td></tr>
 *   <tr><td>RATIO FREQUENTIST</td><td>revenue per session, 1 + Poisson(1.5) sessions and a lognormal spend per session
 *       for 30 % of users (500), delta method and Welch</td></tr>
 *   <tr><td>QUANTILE FREQUENTIST</td><td>p90 latency, lognormal(5, 0.6) (500), order-statistic z-test</td></tr>
 *   <tr><td>CONTINUOUS SEQUENTIAL</td><td>order value as above, looked at 10 times as the arms grow to 500; a finding
 *       is crossing the always-valid boundary at any look (the peeking a fixed-horizon test forbids)</td></tr>
 * </table>
 *
 * A frequentist finding is a two-sided significant difference (rate α when the engine is right); the always-valid
 * boundary keeps the rate at or below α however often one looks.
 *
 * <p>Each rate comes with its exact (Clopper–Pearson) 95 % interval; a scenario passes when that interval's lower end is
 * not above alpha, that is when the data do not show a rate above alpha.
 */
public final class AaSelfCheck {

    /** The most simulations a request may ask for per scenario. */
    public static final int MAX_SIMULATIONS = 10_000;
    private static final long SEED = 20261207L;
    private static final int LOOKS = 10;

    private AaSelfCheck() {
    }

    /** One scenario's outcome. */
    public record Scenario(String metricType, String method, String description, int unitsPerArm, int simulations,
            int falsePositives, double falsePositiveRate, ConfidenceInterval interval, double alpha, boolean passed) {
    }

    /** Every scenario, {@code simulations} experiments each, at level {@code alpha}. */
    public static List<Scenario> run(int simulations, double alpha) {
        if (simulations < 100 || simulations > MAX_SIMULATIONS) {
            throw new InvalidStatisticsInputException("simulations", "must be between 100 and " + MAX_SIMULATIONS);
        }
        Inputs.requireOpenUnitInterval(alpha, "alpha");
        List<Scenario> out = new ArrayList<>();
        out.add(scenario("BINOMIAL", "FREQUENTIST", "conversion 5 %", 2000, simulations, alpha, (r, n) -> {
            ComparisonResult c = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                    InferenceMethod.FREQUENTIST, alpha, conversions(r, n), conversions(r, n)));
            return Boolean.TRUE.equals(c.significant());
        }));
        out.add(scenario("BINOMIAL", "BAYESIAN", "conversion 5 %, chance to beat control at least 1 - alpha (a SHIP)",
                2000, simulations, alpha, (r, n) -> {
                    ComparisonResult c = ExperimentComparison.compare(new ComparisonRequest(MetricType.BINOMIAL,
                            InferenceMethod.BAYESIAN, alpha, conversions(r, n), conversions(r, n)));
                    return c.chanceToBeatControl() != null && c.chanceToBeatControl() >= 1 - alpha;
                }));
        out.add(scenario("CONTINUOUS", "FREQUENTIST", "order value, lognormal(3.5, 1)", 500, simulations, alpha,
                (r, n) -> Boolean.TRUE.equals(ExperimentComparison.compare(new ComparisonRequest(MetricType.CONTINUOUS,
                        InferenceMethod.FREQUENTIST, alpha, orderValues(r, n), orderValues(r, n))).significant())));
        out.add(scenario("RATIO", "FREQUENTIST", "revenue per session, 30 % of users buy", 500, simulations, alpha,
                (r, n) -> Boolean.TRUE.equals(ExperimentComparison.compare(new ComparisonRequest(MetricType.RATIO,
                        InferenceMethod.FREQUENTIST, alpha, revenuePerSession(r, n), revenuePerSession(r, n)))
                        .significant())));
        out.add(scenario("QUANTILE", "FREQUENTIST", "p90 latency, lognormal(5, 0.6)", 500, simulations, alpha,
                (r, n) -> Boolean.TRUE.equals(ExperimentComparison.compare(new ComparisonRequest(MetricType.QUANTILE,
                        InferenceMethod.FREQUENTIST, alpha, QuantileStatistic.of(latencies(r, n), 0.9),
                        QuantileStatistic.of(latencies(r, n), 0.9))).significant())));
        out.add(scenario("CONTINUOUS", "SEQUENTIAL", "order value, " + LOOKS + " looks, always-valid boundary", 500,
                simulations, alpha, (r, n) -> crossesAtAnyLook(r, n, alpha)));
        return out;
    }

    /** One simulated A/A experiment: true when the engine finds a difference. */
    private interface Experiment {
        boolean findsDifference(SplittableRandom random, int unitsPerArm);
    }

    private static Scenario scenario(String type, String method, String description, int n, int simulations,
            double alpha, Experiment experiment) {
        SplittableRandom random = new SplittableRandom(SEED ^ (type + method).hashCode());
        int found = 0;
        for (int i = 0; i < simulations; i++) {
            if (experiment.findsDifference(random, n)) {
                found++;
            }
        }
        ConfidenceInterval interval = clopperPearson(found, simulations);
        return new Scenario(type, method, description, n, simulations, found, (double) found / simulations, interval,
                alpha, interval.lower() <= alpha);
    }

    /** The exact two-sided 95 % interval of a binomial proportion (Clopper and Pearson 1934). */
    static ConfidenceInterval clopperPearson(int successes, int trials) {
        double lower = successes == 0 ? 0
                : new BetaDistribution(successes, trials - successes + 1, 1e-15).inverseCumulativeProbability(0.025);
        double upper = successes == trials ? 1
                : new BetaDistribution(successes + 1, trials - successes, 1e-15).inverseCumulativeProbability(0.975);
        return new ConfidenceInterval(lower, upper);
    }

    private static ProportionStatistic conversions(SplittableRandom r, int n) {
        long converted = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.05) {
                converted++;
            }
        }
        return new ProportionStatistic(n, converted);
    }

    private static SampleMeanStatistic orderValues(SplittableRandom r, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(3.5 + gaussian(r));
        }
        return SampleMeanStatistic.of(values);
    }

    private static RatioStatistic revenuePerSession(SplittableRandom r, int n) {
        double[] revenue = new double[n];
        double[] sessions = new double[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = 1 + poisson(r, 1.5);
            revenue[i] = r.nextDouble() < 0.3 ? sessions[i] * Math.exp(3 + 0.5 * gaussian(r)) : 0;
        }
        return RatioStatistic.of(revenue, sessions);
    }

    private static double[] latencies(SplittableRandom r, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(5 + 0.6 * gaussian(r));
        }
        return values;
    }

    private static boolean crossesAtAnyLook(SplittableRandom r, int n, double alpha) {
        SampleMeanStatistic control = SampleMeanStatistic.EMPTY;
        SampleMeanStatistic treatment = SampleMeanStatistic.EMPTY;
        Double previousP = null;
        ConfidenceInterval previousInterval = null;
        MixingVariance mixing = new MixingVariance.TunedForSampleSize(n);
        for (int look = 1; look <= LOOKS; look++) {
            control = control.plus(orderValues(r, n / LOOKS));
            treatment = treatment.plus(orderValues(r, n / LOOKS));
            SequentialResult s = MixtureSequentialProbabilityRatioTest.test(new SequentialRequest(alpha, control,
                    treatment, mixing, previousP, previousInterval));
            if (Boolean.TRUE.equals(s.significant())) {
                return true;
            }
            if (s.pValue() != null) {
                previousP = s.pValue();
                previousInterval = s.confidenceInterval();
            }
        }
        return false;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int poisson(SplittableRandom r, double mean) {
        double limit = Math.exp(-mean);
        double product = r.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= r.nextDouble();
            k++;
        }
        return k;
    }
}
