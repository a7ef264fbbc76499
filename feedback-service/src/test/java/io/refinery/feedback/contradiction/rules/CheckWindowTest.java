package io.refinery.feedback.contradiction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CheckWindowTest {

    @Test
    void sevenDailyPeriodsEndingWithTheOneJustClosedAndTheSevenBefore() {
        CheckWindow w = CheckWindow.ending(Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"), 7);

        assertThat(w.periodStart()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(w.windowEnd()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(w.windowStart()).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
        assertThat(w.beforeStart()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
    }

    @Test
    void oneHourlyPeriodIsItsOwnWindow() {
        CheckWindow w = CheckWindow.ending(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T11:00:00Z"), 1);

        assertThat(w.windowStart()).isEqualTo(w.periodStart());
        assertThat(w.beforeStart()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }
}
