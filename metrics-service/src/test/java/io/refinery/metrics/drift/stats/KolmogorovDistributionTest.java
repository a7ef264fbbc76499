package io.refinery.metrics.drift.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reference values: scipy 1.17.1, {@code scipy.stats.kstwobign.sf(x)}, printed with {@code repr}. Tolerance: 1e-11
 * relative (1e-9 percent), across both series forms and the point where they meet (0.82).
 */
class KolmogorovDistributionTest {

    @ParameterizedTest(name = "Q({0}) = {1}")
    @CsvSource({
        "0.05, 1.0",
        "0.1, 1.0",
        "0.2, 0.999999999999495",
        "0.3, 0.9999906941986655",
        "0.5, 0.9639452436648751",
        "0.81, 0.5279614323123148",
        "0.82, 0.5119717052984973",
        "0.83, 0.4961909953505036",
        "1.0, 0.26999967167735456",
        "1.3581, 0.0499996304316674",
        "2.0, 0.0006709252557796953",
        "3.0, 3.045995948942526e-08",
        "5.0, 3.8574996959278356e-22",
        "8.0, 5.14441874528483e-56",
    })
    void survivalMatchesScipyKstwobign(double x, double expected) {
        assertThat(KolmogorovDistribution.survival(x)).isCloseTo(expected, withinPercentage(1e-9));
    }

    @ParameterizedTest(name = "Q({0}) = {1}")
    @CsvSource({"0.0, 1.0", "-1.0, 1.0", "20.0, 0.0"})
    void survivalAtTheEnds(double x, double expected) {
        // kstwobign.sf(0.0) = 1.0, kstwobign.sf(20.0) = 0.0 (underflow)
        assertThat(KolmogorovDistribution.survival(x)).isEqualTo(expected);
    }
}
