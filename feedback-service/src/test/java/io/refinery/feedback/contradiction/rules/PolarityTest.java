package io.refinery.feedback.contradiction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PolarityTest {

    private static final List<String> HIGHER = List.of("ctr", "conversion_rate");
    private static final List<String> LOWER = List.of("bounce_rate");

    @Test
    void keyMetricsHaveAPolarityWhateverTheirCaseAndOthersHaveNone() {
        assertThat(Polarity.of("CTR", HIGHER, LOWER)).isEqualTo(Polarity.HIGHER_IS_BETTER);
        assertThat(Polarity.of("bounce_rate", HIGHER, LOWER)).isEqualTo(Polarity.LOWER_IS_BETTER);
        assertThat(Polarity.of("latency_ms", HIGHER, LOWER)).isNull();
    }

    @Test
    void aLowerIsBetterMetricIsTestedOnItsNegatedValues() {
        assertThat(Polarity.LOWER_IS_BETTER.oriented(List.of(0.5, -1.0, 0.0))).containsExactly(-0.5, 1.0, -0.0);
        assertThat(Polarity.HIGHER_IS_BETTER.oriented(List.of(0.5, -1.0))).containsExactly(0.5, -1.0);
    }

    @Test
    void theTestsVerdictIsTurnedBackToTheMetricsOwnDirection() {
        assertThat(Polarity.HIGHER_IS_BETTER.actualDirection(1)).isEqualTo("UP");
        assertThat(Polarity.HIGHER_IS_BETTER.actualDirection(-1)).isEqualTo("DOWN");
        assertThat(Polarity.LOWER_IS_BETTER.actualDirection(1)).isEqualTo("DOWN");
        assertThat(Polarity.LOWER_IS_BETTER.actualDirection(-1)).isEqualTo("UP");
        assertThat(Polarity.HIGHER_IS_BETTER.actualZ(2.5)).isEqualTo(2.5);
        assertThat(Polarity.LOWER_IS_BETTER.actualZ(2.5)).isEqualTo(-2.5);
    }
}
