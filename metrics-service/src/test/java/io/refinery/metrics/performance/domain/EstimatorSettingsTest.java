package io.refinery.metrics.performance.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.platform.problem.FieldIssue;

class EstimatorSettingsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(60);

    private static EstimatorSettings settings(Instant from, Instant to, double threshold, String positive, double share) {
        return new EstimatorSettings("loans", from, to, threshold, positive, CalibrationMethod.ISOTONIC, share);
    }

    @Test
    void aLabelledPastPeriodInsideTheRetentionIsAccepted() {
        assertThat(settings(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(2)), 0.5, "true", 0.95)
                .issues(RETENTION, NOW)).isEmpty();
    }

    @Test
    void everyFieldAtFaultIsNamed() {
        assertThat(settings(NOW.minus(Duration.ofDays(61)), NOW.plus(Duration.ofDays(1)), 1.0, "", 0)
                .issues(RETENTION, NOW)).extracting(FieldIssue::field)
                .containsExactly("referenceTo", "referenceFrom", "threshold", "positiveLabel", "realizedFromLabelledShare");
        assertThat(settings(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(3)), 0.5, "true", 1)
                .issues(RETENTION, NOW)).extracting(FieldIssue::field).containsExactly("referenceTo");
    }

    @Test
    void theOutcomeOneOrThePositiveLabelIsPositiveAndZeroOrAnyOtherLabelNegative() {
        EstimatorSettings s = settings(NOW.minus(Duration.ofDays(9)), NOW, 0.5, "returned", 0.95);
        assertThat(s.outcome(1.0, null)).isTrue();
        assertThat(s.outcome(0.0, null)).isFalse();
        assertThat(s.outcome(0.5, null)).isNull();
        assertThat(s.outcome(null, "returned")).isTrue();
        assertThat(s.outcome(null, "kept")).isFalse();
        assertThat(s.outcome(null, null)).isNull();
    }
}
