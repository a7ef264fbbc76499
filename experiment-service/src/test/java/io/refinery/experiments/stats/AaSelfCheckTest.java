package io.refinery.experiments.stats;

import static io.refinery.experiments.stats.SufficientStatisticsTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The engine's A/A self-check: its false-positive rates, and the interval they are judged by. */
class AaSelfCheckTest {

    @Test
    void clopperPearsonMatchesRsBinomTest() {
        // R 4.2.2: binom.test(x, n)$conf.int
        assertInterval(AaSelfCheck.clopperPearson(52, 1000), 0.039076534943980501, 0.067635014050507314);
        assertInterval(AaSelfCheck.clopperPearson(0, 1000), 0, 0.0036820838968656712);
        assertInterval(AaSelfCheck.clopperPearson(1000, 1000), 0.99631791610313436, 1);
        assertInterval(AaSelfCheck.clopperPearson(5, 200), 0.0081661661908425179, 0.057374351126845857);
    }

    @Test
    void everyAnalysisKeepsItsFalsePositiveRateAtAlpha() {
        List<AaSelfCheck.Scenario> scenarios = AaSelfCheck.run(2000, 0.05);

        assertThat(scenarios).extracting(s -> s.metricType() + " " + s.method()).containsExactly(
                "BINOMIAL FREQUENTIST", "BINOMIAL BAYESIAN", "CONTINUOUS FREQUENTIST", "RATIO FREQUENTIST",
                "QUANTILE FREQUENTIST", "CONTINUOUS SEQUENTIAL");
        for (AaSelfCheck.Scenario s : scenarios) {
            assertThat(s.simulations()).isEqualTo(2000);
            assertThat(s.falsePositiveRate()).isEqualTo(s.falsePositives() / 2000.0);
            assertThat(s.passed()).as(s.toString()).isTrue();
            // Not so conservative that the test is useless either (the order-statistic SE of a quantile is wider,
            // and the always-valid boundary pays for peeking, so those two sit below alpha).
            assertThat(s.falsePositiveRate()).as(s.toString()).isBetween(0.005, 0.075);
        }
        // Seeded: the same request gives the same answer.
        assertThat(AaSelfCheck.run(2000, 0.05)).isEqualTo(scenarios);
    }

    @Test
    void requestsOutOfRangeAreRejected() {
        assertInvalid(() -> AaSelfCheck.run(10, 0.05), "simulations");
        assertInvalid(() -> AaSelfCheck.run(1000, 1.5), "alpha");
    }

    private static void assertInterval(ConfidenceInterval ci, double lower, double upper) {
        assertThat(ci.lower()).isCloseTo(lower, within(1e-12));
        assertThat(ci.upper()).isCloseTo(upper, within(1e-12));
    }
}
