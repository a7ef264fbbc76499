package io.refinery.metrics.drift.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The UTC days a drift monitor compares as of an evaluation, each range [from, to): the current window is the
 * {@code currentDays} days closed by then; the reference is fixed, or trailing ({@code trailingDays} that end
 * {@code lagDays} before the current window starts).
 */
public record MonitorWindows(LocalDate currentFrom, LocalDate currentTo, LocalDate referenceFrom, LocalDate referenceTo) {

    /** The windows as of {@code at} with a fixed reference [{@code referenceFrom}, {@code referenceTo}). */
    public static MonitorWindows fixed(Instant at, int currentDays, Instant referenceFrom, Instant referenceTo) {
        LocalDate currentTo = day(at);
        return new MonitorWindows(currentTo.minusDays(currentDays), currentTo, day(referenceFrom), day(referenceTo));
    }

    /** The windows as of {@code at} with a reference of {@code trailingDays} ending {@code lagDays} before the current. */
    public static MonitorWindows trailing(Instant at, int currentDays, int trailingDays, int lagDays) {
        LocalDate currentTo = day(at);
        LocalDate currentFrom = currentTo.minusDays(currentDays);
        LocalDate referenceTo = currentFrom.minusDays(lagDays);
        return new MonitorWindows(currentFrom, currentTo, referenceTo.minusDays(trailingDays), referenceTo);
    }

    /** When the current window running at {@code now} closes, plus the grace for late samples. */
    public static Instant firstEvaluation(Instant now, Duration grace) {
        return midnight(day(now).plusDays(1)).plus(grace);
    }

    /** When the window after this one closes (it is as long as this one), plus the grace for late samples. */
    public Instant nextEvaluation(Duration grace) {
        long currentDays = currentTo.toEpochDay() - currentFrom.toEpochDay();
        return midnight(currentTo.plusDays(currentDays)).plus(grace);
    }

    /** The instant {@code day} starts, in UTC. */
    public static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
