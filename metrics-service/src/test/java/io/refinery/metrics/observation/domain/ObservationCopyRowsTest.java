package io.refinery.metrics.observation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The binary COPY stream, read back field by field as PostgreSQL's COPY FROM (FORMAT binary) reads it. */
class ObservationCopyRowsTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void startsWithTheSignatureAndEndsWithTheTrailer() throws IOException {
        byte[] bytes = copy(List.of());
        assertThat(Arrays.copyOf(bytes, 11)).isEqualTo(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 });
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 11, bytes.length - 11));
        assertThat(in.readInt()).as("flags").isZero();
        assertThat(in.readInt()).as("header extension").isZero();
        assertThat(in.readShort()).as("trailer").isEqualTo((short) -1);
        assertThat(in.available()).isZero();
    }

    @Test
    void timestampsAreMicrosecondsSince2000() {
        assertThat(ObservationCopyRows.micros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(ObservationCopyRows.micros(Instant.parse("2000-01-01T00:00:01.000001999Z"))).isEqualTo(1_000_001L);
        // 1970-01-01 is 10,957 days before 2000-01-01.
        assertThat(ObservationCopyRows.micros(Instant.EPOCH)).isEqualTo(-10_957L * 86_400 * 1_000_000);
        assertThat(ObservationCopyRows.micros(Instant.parse("1999-12-31T23:59:59.5Z"))).isEqualTo(-500_000L);
    }

    @Test
    void writesEveryColumnWithNullsAsMinusOneAndJsonbWithItsVersion() throws IOException {
        Observation rate = new Observation("a-é😀", "reco", "ctr", 0.031, 31.0, 1000.0,
                Instant.parse("2026-11-24T10:00:00.123456Z"), "nüevo", "{\"segment\":\"nüevo\"}");
        Observation plain = new Observation("b", "reco", "ctr", -2.5, null, null, Instant.parse("2026-11-24T10:00:00Z"), null, null);
        List<List<Object>> rows = read(copy(List.of(rate, plain)));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("a-é😀", "reco", "ctr", 0.031, 31.0, 1000.0,
                ObservationCopyRows.micros(rate.observedAt()), "nüevo", "\u0001{\"segment\":\"nüevo\"}",
                ObservationCopyRows.micros(RECEIVED));
        assertThat(rows.get(1)).containsExactly("b", "reco", "ctr", -2.5, null, null,
                ObservationCopyRows.micros(plain.observedAt()), null, null, ObservationCopyRows.micros(RECEIVED));
    }

    @Test
    void streamsBatchesLargerThanItsBufferAndLongValues() throws IOException {
        String longDimensions = "{\"note\":\"" + "x".repeat(100_000) + "\"}";
        List<Observation> many = new ArrayList<>(IntStream.range(0, 5_000).mapToObj(i -> new Observation("id-" + i, "reco", "ctr", i,
                null, null, Instant.parse("2026-11-24T10:00:00Z"), null, null)).toList());
        many.add(new Observation("long", "reco", "ctr", 1, null, null, Instant.parse("2026-11-24T10:00:00Z"), null, longDimensions));
        List<List<Object>> rows = read(copy(many));
        assertThat(rows).hasSize(5_001);
        assertThat(rows.get(4_999).get(0)).isEqualTo("id-4999");
        assertThat(rows.get(4_999).get(3)).isEqualTo(4999.0);
        assertThat(rows.get(5_000).get(8)).isEqualTo("\u0001" + longDimensions);
    }

    private static byte[] copy(List<Observation> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObservationCopyRows.write(rows, RECEIVED, out);
        return out.toByteArray();
    }

    /** Each tuple's fields: text (and jsonb, version byte first) as String, float8 as Double, timestamptz as Long. */
    private static List<List<Object>> read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipNBytes(11 + 4 + 4);
        List<List<Object>> rows = new ArrayList<>();
        for (short fields = in.readShort(); fields != -1; fields = in.readShort()) {
            assertThat(fields).isEqualTo((short) 10);
            List<Object> row = new ArrayList<>();
            for (int f = 0; f < fields; f++) {
                int length = in.readInt();
                if (length == -1) {
                    row.add(null);
                } else if (f == 3 || f == 4 || f == 5) {
                    assertThat(length).isEqualTo(8);
                    row.add(in.readDouble());
                } else if (f == 6 || f == 9) {
                    assertThat(length).isEqualTo(8);
                    row.add(in.readLong());
                } else {
                    row.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
                }
            }
            rows.add(row);
        }
        assertThat(in.available()).isZero();
        return rows;
    }
}
