package io.refinery.metrics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ObservationCsvTest {

    @Test
    void quotesTextFieldsDoublesQuotesAndLeavesNullsEmpty() {
        Observation tricky = new Observation("id,with \"quotes\"\nand newline", "reco", "ctr", 0.5, null, null,
                Instant.parse("2026-11-24T10:00:00Z"), null, null);
        String line = ObservationCsv.of(List.of(tricky));
        assertThat(line).startsWith("\"id,with \"\"quotes\"\"\nand newline\",\"reco\",\"ctr\",0.5,,,2026-11-24T10:00:00Z,,,");
        assertThat(line).endsWith("\n");
    }

    @Test
    void writesRatesSegmentsAndDimensions() {
        Observation rate = new Observation("a", "reco", "ctr", 0.031, 310.0, 10000.0,
                Instant.parse("2026-11-24T10:00:00Z"), "new", "{\"segment\":\"new\"}");
        assertThat(ObservationCsv.of(List.of(rate)))
                .startsWith("\"a\",\"reco\",\"ctr\",0.031,310.0,10000.0,2026-11-24T10:00:00Z,\"new\",\"{\"\"segment\"\":\"\"new\"\"}\",");
    }

    @Test
    void encodesTextAsUtf8IncludingAstralCharacters() {
        Observation unicode = new Observation("é-€-😀", "reco", "ctr", 1.0, null, null,
                Instant.parse("2026-11-24T10:00:00Z"), "ünï", null);
        assertThat(ObservationCsv.of(List.of(unicode))).startsWith("\"é-€-😀\",\"reco\",\"ctr\",1.0,,,2026-11-24T10:00:00Z,\"ünï\",,");
    }

    @Test
    void streamsBatchesLargerThanItsBuffer() {
        List<Observation> many = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> new Observation("id-" + i, "reco",
                "ctr", i, null, null, Instant.parse("2026-11-24T10:00:00Z"), null, null)).toList();
        String csv = ObservationCsv.of(many);
        assertThat(csv.lines()).hasSize(5_000);
        assertThat(csv.lines().skip(4_999).findFirst().orElseThrow()).startsWith("\"id-4999\",\"reco\",\"ctr\",4999.0,");
    }
}
