package io.refinery.metrics.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AsciiTableTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void findsWhatWasKeptByItsBytesAnywhereInAnArray() {
        AsciiTable<String> table = new AsciiTable<>();
        byte[] body = ascii("{\"systemKey\":\"reco\",\"other\":\"reco-2\"}");
        table.put(body, 14, 4, "reco");
        assertThat(table.get(ascii("xxreco"), 2, 4)).isEqualTo("reco");
        assertThat(table.get(body, 29, 6)).as("a longer value with the same start").isNull();
        assertThat(table.get(body, 29, 4)).as("the same four bytes elsewhere").isEqualTo("reco");
    }

    @Test
    void growsAndStopsKeepingAtItsLimitWithoutLosingWhatItKept() {
        AsciiTable<Integer> table = new AsciiTable<>();
        for (int i = 0; i < AsciiTable.LIMIT + 1000; i++) {
            byte[] key = ascii("metric-" + i);
            assertThat(table.get(key, 0, key.length)).isNull();
            table.put(key, 0, key.length, i);
        }
        for (int i = 0; i < AsciiTable.LIMIT + 1000; i++) {
            byte[] key = ascii("metric-" + i);
            assertThat(table.get(key, 0, key.length)).isEqualTo(i < AsciiTable.LIMIT ? Integer.valueOf(i) : null);
        }
    }
}
