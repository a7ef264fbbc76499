package io.refinery.metrics.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast paths (on Strings and on bytes) must agree with {@link Instant#parse} on everything, accepted or refused. */
class UtcTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-24T10:15:30Z", "2026-11-24T10:15:30.1Z", "2026-11-24T10:15:30.123456789Z",
            "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z",
            "2026-11-24T10:15:30+01:00", "2026-11-24T23:59:60Z", "+12026-11-24T10:15:30Z", "2026-11-24T24:00:00Z",
            "2026-11-24T10:15:30.Z" })
    void agreesWithInstantParse(String text) {
        assertThat(UtcTimestamps.parse(text)).isEqualTo(Instant.parse(text));
        Instant plain = UtcTimestamps.parsePlain(ascii(text), 0, text.length());
        if (plain != null) {
            assertThat(plain).as("the byte reader of the plain form").isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void readsThePlainFormFromBytesAsInstantParseDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            byte[] framed = ascii("\"" + text + "\"");
            assertThat(UtcTimestamps.parsePlain(framed, 1, text.length())).as(text).isEqualTo(Instant.parse(text));
        }
        for (String text : new String[] { "2024-02-29T00:00:00Z", "2000-02-29T12:00:00Z", "2026-12-31T23:59:59.000000001Z" }) {
            assertThat(UtcTimestamps.parsePlain(ascii(text), 0, text.length())).isEqualTo(Instant.parse(text));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-24T25:00:00Z",
            "2026-11-24T10:60:00Z", "2026-11-24 10:15:30Z", "2026-11-24T10:15:30.1234567890Z",
            "2026-11-24T10:15:30", "2026-1-24T10:15:30Z", "２０２６-11-24T10:15:30Z", "yesterday" })
    void refusesWhatInstantParseRefuses(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcTimestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThat(UtcTimestamps.parsePlain(ascii(text), 0, ascii(text).length)).as("left to parse, which refuses it").isNull();
    }
}
