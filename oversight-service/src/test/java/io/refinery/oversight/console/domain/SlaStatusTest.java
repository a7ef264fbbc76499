package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.review.rules.ReviewState;

class SlaStatusTest {

    private static final Instant CREATED = Instant.parse("2026-11-24T08:00:00Z");

    private static SlaStatus at(Duration sla, Duration elapsed) {
        return SlaStatus.of(ReviewState.PENDING, CREATED, CREATED.plus(sla), CREATED.plus(elapsed));
    }

    @Test
    void aShortSlaIsDueSoonInItsLastHour() {
        assertThat(at(Duration.ofHours(2), Duration.ofMinutes(59))).isEqualTo(SlaStatus.ON_TIME);
        assertThat(at(Duration.ofHours(2), Duration.ofMinutes(60))).isEqualTo(SlaStatus.DUE_SOON);
        assertThat(at(Duration.ofHours(2), Duration.ofMinutes(119))).isEqualTo(SlaStatus.DUE_SOON);
        assertThat(at(Duration.ofHours(2), Duration.ofHours(2))).isEqualTo(SlaStatus.OVERDUE);
        assertThat(at(Duration.ofHours(2), Duration.ofDays(3))).isEqualTo(SlaStatus.OVERDUE);
    }

    @Test
    void aLongSlaIsDueSoonInItsLastQuarter() {
        assertThat(at(Duration.ofHours(24), Duration.ofHours(17))).isEqualTo(SlaStatus.ON_TIME);
        assertThat(at(Duration.ofHours(24), Duration.ofHours(18))).isEqualTo(SlaStatus.DUE_SOON);
    }

    @Test
    void decidedRequestsAreClosedWhateverTheClockSays() {
        assertThat(SlaStatus.of(ReviewState.APPROVED, CREATED, CREATED.plusSeconds(60), CREATED.plusSeconds(7200)))
                .isEqualTo(SlaStatus.CLOSED);
        assertThat(SlaStatus.of(ReviewState.PENDING, CREATED, null, CREATED)).isEqualTo(SlaStatus.CLOSED);
    }

    @Test
    void everyStatusHasAWordNotOnlyAColour() {
        for (SlaStatus s : SlaStatus.values()) {
            assertThat(s.label()).isNotBlank();
            assertThat(s.css()).matches("[a-z-]+");
        }
    }
}
