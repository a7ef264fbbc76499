package io.refinery.metrics.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleSpecTest {

    private static final Baseline FIXED = new Baseline.Fixed(0.03);
    private static final Tolerance TEN_PERCENT = new Tolerance.Relative(0.1);

    @Test
    void validSpecKeepsItsFields() {
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Trailing(28, BaselineStatistic.MEDIAN),
                new Tolerance.Absolute(0.002), 5, 100);

        assertThat(spec.comparison()).isEqualTo(Comparison.BELOW);
        assertThat(spec.baseline()).isEqualTo(new Baseline.Trailing(28, BaselineStatistic.MEDIAN));
        assertThat(spec.tolerance()).isEqualTo(new Tolerance.Absolute(0.002));
        assertThat(spec.consecutivePeriods()).isEqualTo(5);
        assertThat(spec.minSamplesPerPeriod()).isEqualTo(100);
    }

    @Test
    void smallestValidValuesAreAccepted() {
        // N = 1, one sample, zero tolerance, one-period trailing window
        RuleSpec spec = new RuleSpec(Comparison.ABOVE, new Baseline.Trailing(1, BaselineStatistic.MEAN),
                new Tolerance.Relative(0), 1, 1);

        assertThat(spec.consecutivePeriods()).isEqualTo(1);
        assertThat(spec.minSamplesPerPeriod()).isEqualTo(1);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("null comparison",
                        (ThrowingCallable) () -> new RuleSpec(null, FIXED, TEN_PERCENT, 5, 100), "comparison"),
                Arguments.of("null baseline",
                        (ThrowingCallable) () -> new RuleSpec(Comparison.BELOW, null, TEN_PERCENT, 5, 100),
                        "baseline"),
                Arguments.of("null tolerance",
                        (ThrowingCallable) () -> new RuleSpec(Comparison.BELOW, FIXED, null, 5, 100), "tolerance"),
                Arguments.of("zero consecutivePeriods",
                        (ThrowingCallable) () -> new RuleSpec(Comparison.BELOW, FIXED, TEN_PERCENT, 0, 100),
                        "consecutivePeriods must be at least 1, was 0"),
                Arguments.of("negative consecutivePeriods",
                        (ThrowingCallable) () -> new RuleSpec(Comparison.BELOW, FIXED, TEN_PERCENT, -2, 100),
                        "consecutivePeriods"),
                Arguments.of("zero minSamplesPerPeriod",
                        (ThrowingCallable) () -> new RuleSpec(Comparison.BELOW, FIXED, TEN_PERCENT, 5, 0),
                        "minSamplesPerPeriod must be at least 1, was 0"),
                Arguments.of("NaN fixed baseline",
                        (ThrowingCallable) () -> new Baseline.Fixed(Double.NaN), "baseline value"),
                Arguments.of("infinite fixed baseline",
                        (ThrowingCallable) () -> new Baseline.Fixed(Double.NEGATIVE_INFINITY), "baseline value"),
                Arguments.of("zero trailing periods",
                        (ThrowingCallable) () -> new Baseline.Trailing(0, BaselineStatistic.MEAN),
                        "baseline periods must be at least 1, was 0"),
                Arguments.of("null trailing statistic",
                        (ThrowingCallable) () -> new Baseline.Trailing(28, null), "baseline statistic"),
                Arguments.of("negative relative tolerance",
                        (ThrowingCallable) () -> new Tolerance.Relative(-0.1), "tolerance fraction"),
                Arguments.of("NaN relative tolerance",
                        (ThrowingCallable) () -> new Tolerance.Relative(Double.NaN), "tolerance fraction"),
                Arguments.of("negative absolute tolerance",
                        (ThrowingCallable) () -> new Tolerance.Absolute(-1), "tolerance amount"),
                Arguments.of("infinite absolute tolerance",
                        (ThrowingCallable) () -> new Tolerance.Absolute(Double.POSITIVE_INFINITY), "tolerance amount"),
                Arguments.of("period without start",
                        (ThrowingCallable) () -> new PeriodValue(null, 0.03, 10), "start"),
                Arguments.of("period with negative samples",
                        (ThrowingCallable) () -> new PeriodValue(Instant.EPOCH, 0.03, -1), "samples"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidArgumentsAreRejectedNamingTheField(String name, ThrowingCallable construction, String message) {
        assertThatThrownBy(construction)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void relativeToleranceIsFractionOfBaselineMagnitude() {
        // 0.25 × |8| = 2; 0.25 × |-8| = 2
        assertThat(new Tolerance.Relative(0.25).allowance(8)).isEqualTo(2.0);
        assertThat(new Tolerance.Relative(0.25).allowance(-8)).isEqualTo(2.0);
    }

    @Test
    void absoluteToleranceIgnoresBaseline() {
        assertThat(new Tolerance.Absolute(0.5).allowance(8)).isEqualTo(0.5);
        assertThat(new Tolerance.Absolute(0.5).allowance(-1000)).isEqualTo(0.5);
    }

    @Test
    void statistics() {
        // mean(1, 2, 6) = 9 / 3 = 3; median(6, 1, 2) = 2; median(4, 1, 3, 2) = (2 + 3) / 2 = 2.5
        assertThat(BaselineStatistic.MEAN.of(List.of(1.0, 2.0, 6.0))).isEqualTo(3.0);
        assertThat(BaselineStatistic.MEDIAN.of(List.of(6.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(BaselineStatistic.MEDIAN.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThatThrownBy(() -> BaselineStatistic.MEAN.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
