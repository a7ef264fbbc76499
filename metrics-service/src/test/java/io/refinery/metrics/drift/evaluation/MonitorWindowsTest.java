package io.refinery.metrics.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class MonitorWindowsTest {

    private static final Instant AT = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void trailingReferenceEndsLagDaysBeforeTheCurrentWindow() {
        MonitorWindows w = MonitorWindows.trailing(AT, 7, 14, 2);
        assertThat(w).isEqualTo(new MonitorWindows(LocalDate.parse("2026-11-17"), LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-15")));
    }

    @Test
    void fixedReferenceKeepsItsDays() {
        MonitorWindows w = MonitorWindows.fixed(AT, 1, Instant.parse("2026-10-01T00:00:00Z"),
                Instant.parse("2026-10-08T00:00:00Z"));
        assertThat(w).isEqualTo(new MonitorWindows(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-08")));
    }

    @Test
    void evaluationsFallWhenAWindowClosesPlusTheGrace() {
        Duration grace = Duration.ofMinutes(5);
        assertThat(MonitorWindows.firstEvaluation(AT, grace)).isEqualTo(Instant.parse("2026-11-25T00:05:00Z"));
        assertThat(MonitorWindows.trailing(AT, 7, 14, 0).nextEvaluation(grace))
                .isEqualTo(Instant.parse("2026-12-01T00:05:00Z"));
        assertThat(MonitorWindows.midnight(LocalDate.parse("2026-11-24"))).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    }
}
