package io.refinery.metrics.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EvaluationBackoffTest {

    private final EvaluationBackoff backoff = new EvaluationBackoff(Duration.ofMinutes(5), Duration.ofHours(6));

    @Test
    void doublesPerConsecutiveFailure() {
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(320));
    }

    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(backoff.after(8)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.after(1_000_000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationBackoff(Duration.ZERO, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationBackoff(Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
