package io.refinery.oversight.console.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TimeTicksTest {

    @Test
    void twoWeeksGetEveryOtherDayAtMidnight() {
        List<TimeTicks.Tick> ticks = TimeTicks.between(Instant.parse("2026-11-10T06:00:00Z"),
                Instant.parse("2026-11-24T00:00:00Z"), 8);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("Nov 11", "Nov 13", "Nov 15", "Nov 17", "Nov 19", "Nov 21", "Nov 23");
        assertThat(ticks.get(0).at()).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
    }

    @Test
    void hoursShowTheDayOnTheFirstTickOfEachDay() {
        List<TimeTicks.Tick> ticks = TimeTicks.between(Instant.parse("2026-11-24T19:30:00Z"),
                Instant.parse("2026-11-25T05:00:00Z"), 6);
        assertThat(ticks).extracting(TimeTicks.Tick::label)
                .containsExactly("Nov 24 20:00", "22:00", "Nov 25 00:00", "02:00", "04:00");
    }

    @Test
    void neverMoreTicksThanAskedFor() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        for (int days = 1; days < 400; days += 7) {
            assertThat(TimeTicks.between(from, from.plusSeconds(days * 86_400L), 7).size()).isLessThanOrEqualTo(7);
        }
    }

    @Test
    void anEmptySpanHasOneTick() {
        Instant at = Instant.parse("2026-11-24T00:00:00Z");
        assertThat(TimeTicks.between(at, at, 7)).extracting(TimeTicks.Tick::label).containsExactly("Nov 24");
    }
}
