package io.refinery.feedback.contradiction.rules;

import java.time.Duration;
import java.time.Instant;

/**
 * The spans one contradiction check compares: the window of {@code periods} closed periods that ends with the period
 * just closed, [windowStart, windowEnd), and the window of the same length before it, [beforeStart, windowStart).
 * {@code periodStart} is the start of the period just closed. Pure, no framework.
 */
public record CheckWindow(Instant beforeStart, Instant windowStart, Instant periodStart, Instant windowEnd) {

    /** The window of {@code periods} periods, each as long as [start, end), that ends with the period [start, end). */
    public static CheckWindow ending(Instant start, Instant end, int periods) {
        Duration len = Duration.between(start, end);
        Instant windowStart = start.minus(len.multipliedBy(periods - 1L));
        return new CheckWindow(windowStart.minus(Duration.between(windowStart, end)), windowStart, start, end);
    }
}
