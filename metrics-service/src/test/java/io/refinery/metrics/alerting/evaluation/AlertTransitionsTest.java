package io.refinery.metrics.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertTransitionsTest {

    private static final Instant FIRST_DAY = Instant.parse("2025-03-01T00:00:00Z");

    /**
     * Cases: name, current status, day pattern, N, expected transition. In a pattern, B = a breaching day (5 against
     * a fixed baseline of 10), W = a good day (15), L = a day with too few samples.
     */
    static Stream<Arguments> table() {
        return Stream.of(
                // no open alert (NONE, and RESOLVED counts as none)
                Arguments.of("none, no periods -> NONE", AlertStatus.NONE, "", 3, Transition.NONE),
                Arguments.of("none, good day -> NONE", AlertStatus.NONE, "W", 3, Transition.NONE),
                Arguments.of("none, 1 of 3 breaches -> OPEN_PENDING", AlertStatus.NONE, "B", 3,
                        Transition.OPEN_PENDING),
                Arguments.of("none, 3 of 3 breaches (catch-up) -> FIRE", AlertStatus.NONE, "BBB", 3, Transition.FIRE),
                Arguments.of("none, 1 of 1 breach -> FIRE", AlertStatus.NONE, "B", 1, Transition.FIRE),
                Arguments.of("resolved, good day -> NONE", AlertStatus.RESOLVED, "BBBW", 3, Transition.NONE),
                Arguments.of("resolved, 2 of 3 breaches -> OPEN_PENDING", AlertStatus.RESOLVED, "WBB", 3,
                        Transition.OPEN_PENDING),
                Arguments.of("resolved, 3 of 3 breaches -> FIRE", AlertStatus.RESOLVED, "WBBB", 3, Transition.FIRE),
                // pending
                Arguments.of("pending, 2 of 3 breaches -> UPDATE_PENDING", AlertStatus.PENDING, "BB", 3,
                        Transition.UPDATE_PENDING),
                Arguments.of("pending, low-sample day keeps 2 of 3 -> UPDATE_PENDING", AlertStatus.PENDING, "BBL", 3,
                        Transition.UPDATE_PENDING),
                Arguments.of("pending, 3 of 3 breaches -> FIRE", AlertStatus.PENDING, "BBB", 3, Transition.FIRE),
                Arguments.of("pending, 2 breaches + low-sample + 1 breach -> FIRE", AlertStatus.PENDING, "BBLB", 3,
                        Transition.FIRE),
                Arguments.of("pending, good day -> CANCEL_PENDING", AlertStatus.PENDING, "BBW", 3,
                        Transition.CANCEL_PENDING),
                // firing and acknowledged
                Arguments.of("firing, 4 breaches -> STILL_FIRING", AlertStatus.FIRING, "BBBB", 3,
                        Transition.STILL_FIRING),
                Arguments.of("firing, low-sample day -> STILL_FIRING", AlertStatus.FIRING, "BBBL", 3,
                        Transition.STILL_FIRING),
                Arguments.of("firing, streak broken and restarted (PENDING) -> STILL_FIRING", AlertStatus.FIRING,
                        "BBBWB", 3, Transition.STILL_FIRING),
                Arguments.of("firing, good day -> RESOLVE", AlertStatus.FIRING, "BBBW", 3, Transition.RESOLVE),
                Arguments.of("firing, good day then low-sample day -> RESOLVE", AlertStatus.FIRING, "BBBWL", 3,
                        Transition.RESOLVE),
                Arguments.of("firing, only low-sample days (no evidence) -> STILL_FIRING", AlertStatus.FIRING, "LL",
                        3, Transition.STILL_FIRING),
                Arguments.of("firing, no periods (no evidence) -> STILL_FIRING", AlertStatus.FIRING, "", 3,
                        Transition.STILL_FIRING),
                Arguments.of("acknowledged, 3 breaches -> STILL_FIRING", AlertStatus.ACKNOWLEDGED, "BBB", 3,
                        Transition.STILL_FIRING),
                Arguments.of("acknowledged, restarted (PENDING) -> STILL_FIRING", AlertStatus.ACKNOWLEDGED, "WB", 3,
                        Transition.STILL_FIRING),
                Arguments.of("acknowledged, good day -> RESOLVE", AlertStatus.ACKNOWLEDGED, "BBBW", 3,
                        Transition.RESOLVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void transition(String name, AlertStatus current, String pattern, int consecutivePeriods, Transition expected) {
        Evaluation evaluation = evaluate(pattern, consecutivePeriods);

        assertThat(AlertTransitions.next(current, evaluation, consecutivePeriods)).isEqualTo(expected);
    }

    @Test
    void patternHelperProducesTheIntendedStates() {
        // guards the table above: BBLB with N = 3 is 3 breaches (the L is skipped) → FIRING; BBBWB → 1, PENDING
        assertThat(evaluate("BBLB", 3).consecutiveBreaches()).isEqualTo(3);
        assertThat(evaluate("BBLB", 3).state()).isEqualTo(RuleState.FIRING);
        assertThat(evaluate("BBBWB", 3).consecutiveBreaches()).isEqualTo(1);
        assertThat(evaluate("BBBWB", 3).state()).isEqualTo(RuleState.PENDING);
        assertThat(evaluate("LL", 3).state()).isEqualTo(RuleState.OK);
    }

    @Test
    void evaluationOfAnotherRuleIsRejected() {
        // 3 breaches evaluated with N = 3 is FIRING, but with N = 5 it would be PENDING
        Evaluation evaluation = evaluate("BBB", 3);

        assertThatThrownBy(() -> AlertTransitions.next(AlertStatus.NONE, evaluation, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("consecutivePeriods 5");
    }

    @Test
    void nullArgumentsAreRejected() {
        Evaluation evaluation = evaluate("B", 3);

        assertThatThrownBy(() -> AlertTransitions.next(null, evaluation, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("current");
        assertThatThrownBy(() -> AlertTransitions.next(AlertStatus.NONE, null, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("evaluation");
    }

    private static Evaluation evaluate(String pattern, int consecutivePeriods) {
        // fixed baseline 10, tolerance 0, BELOW: threshold 10; 5 < 10 breaches, 15 does not
        RuleSpec spec = new RuleSpec(Comparison.BELOW, new Baseline.Fixed(10), new Tolerance.Absolute(0),
                consecutivePeriods, 100);
        List<PeriodValue> periods = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Instant start = FIRST_DAY.plus(i, ChronoUnit.DAYS);
            periods.add(switch (pattern.charAt(i)) {
                case 'B' -> new PeriodValue(start, 5, 1_000);
                case 'W' -> new PeriodValue(start, 15, 1_000);
                case 'L' -> new PeriodValue(start, 15, 3);
                default -> throw new IllegalArgumentException("unknown pattern letter in " + pattern);
            });
        }
        return RuleEvaluator.evaluate(spec, periods);
    }
}
