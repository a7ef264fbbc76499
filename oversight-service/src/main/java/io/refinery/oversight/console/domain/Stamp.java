package io.refinery.oversight.console.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * An instant as a page shows it: {@code iso} for {@code <time datetime>} (the bundled script shows it in the reader's
 * time zone) and {@code text}, the UTC fallback shown without the script.
 */
public record Stamp(String iso, String text) {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The stamp of {@code at}, or null for null. */
    public static Stamp of(Instant at) {
        return at == null ? null : new Stamp(at.truncatedTo(ChronoUnit.SECONDS).toString(), TEXT.format(at));
    }
}
