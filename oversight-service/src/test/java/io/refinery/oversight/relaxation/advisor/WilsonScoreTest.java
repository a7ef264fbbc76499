package io.refinery.oversight.relaxation.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WilsonScoreTest {

    /**
     * Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven methods",
     * Statistics in Medicine 17:857-872, Table II, method 3 (score interval without continuity correction), 95 %,
     * printed to four decimals.
     */
    @ParameterizedTest(name = "{0}/{1} → [{2}, {3}]")
    @CsvSource({
            "81, 263, 0.2553, 0.3662",
            "15, 148, 0.0624, 0.1605",
            "0, 20, 0.0000, 0.1611",
            "1, 29, 0.0061, 0.1718" })
    void matchesNewcombesTable(long x, long n, double lower, double upper) {
        assertThat(WilsonScore.lower(x, n, WilsonScore.Z_95)).isCloseTo(lower, within(5e-5));
        assertThat(WilsonScore.upper(x, n, WilsonScore.Z_95)).isCloseTo(upper, within(5e-5));
    }

    /** n successes out of n: the lower bound is n / (n + z²) in closed form; the upper bound is 1. */
    @Test
    void allSuccessesHaveAClosedFormLowerBound() {
        double z = WilsonScore.Z_95;
        assertThat(WilsonScore.lower(50, 50, z)).isCloseTo(50 / (50 + z * z), within(1e-12));
        assertThat(WilsonScore.lower(5, 5, z)).isCloseTo(5 / (5 + z * z), within(1e-12));
        assertThat(WilsonScore.upper(50, 50, z)).isEqualTo(1.0);
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> WilsonScore.lower(1, 0, 1.96)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonScore.lower(6, 5, 1.96)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonScore.lower(1, 5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
