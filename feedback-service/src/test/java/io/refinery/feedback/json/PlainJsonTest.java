package io.refinery.feedback.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PlainJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void objectsKeepDocumentOrderAndValuesKeepTheirJsonType() throws Exception {
        Object plain = PlainJson.of(MAPPER.readTree("{\"b\":[1,2.5,\"x\",null,false],\"a\":{\"c\":null},"
                + "\"big\":123456789012345678901234567890}"));

        assertThat(plain).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) plain;
        assertThat(object.keySet()).containsExactly("b", "a", "big");
        assertThat(object.get("b")).isEqualTo(Arrays.asList(1, 2.5, "x", null, false));
        assertThat(object.get("a")).isEqualTo(Collections.singletonMap("c", null));
        assertThat(object.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void jsonNullAndNoNodeAreNull() throws Exception {
        assertThat(PlainJson.of(null)).isNull();
        assertThat(PlainJson.of(MAPPER.readTree("null"))).isNull();
        assertThat(PlainJson.of(MAPPER.readTree("{}").path("missing"))).isNull();
    }
}
