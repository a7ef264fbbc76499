package io.refinery.oversight.console.charts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ticks for a time axis in UTC: the smallest of a fixed ladder of steps (an hour up to four weeks; beyond that whole
 * days enough to stay within the count) that gives at most the wanted number of ticks, aligned to whole hours or days. Labels are {@code HH:mm} for steps under a day and
 * {@code MMM d} otherwise, with the date added to the first hour tick of each day.
 */
public final class TimeTicks {

    /** One tick: where it is and what it says. */
    public record Tick(Instant at, String label) {
    }

    private static final List<Duration> STEPS = List.of(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7),
            Duration.ofDays(14), Duration.ofDays(28));
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TimeTicks() {
    }

    /** Ticks within [{@code from}, {@code to}], at most {@code max} of them (at least 2 asked for). */
    public static List<Tick> between(Instant from, Instant to, int max) {
        if (from == null || to == null || !to.isAfter(from)) {
            return from == null ? List.of() : List.of(new Tick(from, DAY.format(from)));
        }
        int wanted = Math.max(2, max);
        Duration span = Duration.between(from, to);
        long spanDays = span.toDays() + 1;
        Duration step = Duration.ofDays((spanDays + wanted - 2) / (wanted - 1));
        for (Duration candidate : STEPS) {
            if (span.toMillis() / candidate.toMillis() + 1 <= wanted) {
                step = candidate;
                break;
            }
        }
        boolean daily = step.compareTo(Duration.ofDays(1)) >= 0;
        Instant at = align(from, step, daily);
        List<Tick> ticks = new ArrayList<>();
        String lastDay = null;
        while (!at.isAfter(to)) {
            String day = DAY.format(at);
            ticks.add(new Tick(at, daily ? day : day.equals(lastDay) ? HOUR.format(at) : day + " " + HOUR.format(at)));
            lastDay = day;
            at = at.plus(step);
        }
        return List.copyOf(ticks);
    }

    private static Instant align(Instant from, Duration step, boolean daily) {
        Instant start = from.truncatedTo(daily ? ChronoUnit.DAYS : ChronoUnit.HOURS);
        if (!daily) {
            long hours = step.toHours();
            long hourOfDay = start.atZone(ZoneOffset.UTC).getHour();
            start = start.plus(Duration.ofHours((hours - hourOfDay % hours) % hours));
        }
        while (start.isBefore(from)) {
            start = start.plus(daily ? Duration.ofDays(1) : step);
        }
        return start;
    }
}
