package io.refinery.metrics.rollup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The rollup periods: hours and days, in UTC. */
public enum Step {
    PT1H(Duration.ofHours(1), ChronoUnit.HOURS), P1D(Duration.ofDays(1), ChronoUnit.DAYS);

    private final Duration length;
    private final ChronoUnit unit;

    Step(Duration length, ChronoUnit unit) {
        this.length = length;
        this.unit = unit;
    }

    public Duration length() {
        return length;
    }

    /** Start of the period that contains {@code at}. */
    public Instant periodStart(Instant at) {
        return at.truncatedTo(unit);
    }
}
