package io.refinery.metrics.observation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.refinery.platform.ids.ClientId;
import io.refinery.platform.problem.FieldIssue;
import io.refinery.metrics.ingestion.domain.Vocabulary;

class ObservationReaderTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static ObservationReader.Parsed read(String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            ObservationReader.Parsed parsed = ObservationReader.read(parser, NOW);
            assertThat(parser.nextToken()).as("the reader stops on the item's last token").isNull();
            return parsed;
        }
    }

    private static List<String> fields(ObservationReader.Parsed parsed) {
        return parsed.issues().stream().map(FieldIssue::field).toList();
    }

    @Test
    void readsACompleteItemInAnyFieldOrder() throws IOException {
        ObservationReader.Parsed parsed = read("""
                {"dimensions": {"segment": "vip", "variant": "B"}, "observedAt": "2026-11-24T10:15:30.25Z",
                 "denominator": 1000, "numerator": 31, "metric": "ctr", "systemKey": "reco", "id": "a-1"}""");
        assertThat(parsed.ok()).isTrue();
        Observation o = parsed.observation();
        assertThat(o.id()).isEqualTo("a-1");
        assertThat(o.systemKey()).isEqualTo("reco");
        assertThat(o.value()).as("value derived from the ratio").isEqualTo(0.031);
        assertThat(o.numerator()).isEqualTo(31.0);
        assertThat(o.denominator()).isEqualTo(1000.0);
        assertThat(o.observedAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30.25Z"));
        assertThat(o.segment()).isEqualTo("vip");
        assertThat(o.dimensionsJson()).isEqualTo("{\"segment\":\"vip\",\"variant\":\"B\"}");
    }

    @Test
    void itemsOfOneBatchShareRepeatedValuesAndAreCheckedAlikeEveryTime() throws IOException {
        Vocabulary words = new Vocabulary();
        String item = """
                {"id": "%s", "systemKey": "reco", "metric": "%s", "value": 1, "observedAt": "2026-11-24T10:00:00Z",
                 "dimensions": {"segment": "vip", "Bad key": "x"}}""";
        ObservationReader.Parsed first = read(item.formatted("a", "ctr").replace(", \"Bad key\": \"x\"", ""), words);
        ObservationReader.Parsed second = read(item.formatted("b", "ctr").replace(", \"Bad key\": \"x\"", ""), words);
        assertThat(second.observation().metric()).isSameAs(first.observation().metric());
        assertThat(second.observation().systemKey()).isSameAs(first.observation().systemKey());
        assertThat(second.observation().segment()).isSameAs(first.observation().segment());
        assertThat(second.observation().dimensionsJson()).isSameAs(first.observation().dimensionsJson());
        for (String id : List.of("c", "d")) {
            ObservationReader.Parsed refused = read(item.formatted(id, "CTR"), words);
            assertThat(fields(refused)).containsExactly("metric", "dimensions.Bad key");
        }
    }

    private static ObservationReader.Parsed read(String json, Vocabulary words) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            return ObservationReader.read(parser, NOW, words);
        }
    }

    @Test
    void anInstantBefore1970IsRefused() throws IOException {
        ObservationReader.Parsed parsed = read("""
                {"id": "a", "systemKey": "reco", "metric": "ctr", "value": 1, "observedAt": "1969-12-31T23:59:59.999Z"}""");
        assertThat(parsed.issues()).containsExactly(new FieldIssue("observedAt", "must not be before 1970-01-01T00:00:00Z"));
    }

    @Test
    void listsEveryFieldAtFaultInAFixedOrder() throws IOException {
        ObservationReader.Parsed parsed = read("""
                {"extra": [1, {"deep": true}], "observedAt": 17, "numerator": -1, "value": "high", "metric": "CTR",
                 "systemKey": "", "id": null, "dimensions": {"bad key": "x", "segment": 3, "ok": ""}}""");
        assertThat(parsed.ok()).isFalse();
        assertThat(fields(parsed)).containsExactly("id", "systemKey", "metric", "value", "denominator", "numerator",
                "observedAt", "dimensions.bad key", "dimensions.segment", "dimensions.ok", "extra");
        assertThat(parsed.issues()).extracting(FieldIssue::message).containsExactly("is required",
                "must have 1 to 64 characters", "must be lowercase: a-z, 0-9, '_', '.', '-' (up to 100 characters)",
                "must be a number", "numerator and denominator go together: give both or neither", "must not be negative",
                "must be an ISO-8601 UTC timestamp string",
                "name must be a-z, A-Z, 0-9, '_', '.', '-' (up to 64 characters)", "must be a string",
                "must have 1 to 200 characters", "unknown field");
    }

    @Test
    void idsFollowTheClientIdRule() throws IOException {
        String item = "{\"id\": %s, \"systemKey\": \"s\", \"metric\": \"m\", \"value\": 1, \"observedAt\": \"2026-11-24T10:00:00Z\"}";
        for (String good : List.of("\"a\"", "\"shop:order-123.ctr_1\"", "\"4f3f2898-69e3-5a0d-820a-c4e87987dbce\"",
                "\"" + "x".repeat(128) + "\"")) {
            assertThat(read(item.formatted(good)).ok()).as(good).isTrue();
        }
        for (String bad : List.of("\"\"", "\"a b\"", "\"a/b\"", "\"\u00e9t\u00e9\"", "\"" + "x".repeat(129) + "\"", "42", "{}")) {
            assertThat(read(item.formatted(bad)).issues()).as(bad).containsExactly(new FieldIssue("id", ClientId.MESSAGE));
        }
        assertThat(read(item.formatted("null")).issues()).containsExactly(new FieldIssue("id", "is required"));
    }

    @Test
    void valueIsRequiredWithoutARatio() throws IOException {
        ObservationReader.Parsed parsed = read("{\"id\": \"x\", \"systemKey\": \"s\", \"metric\": \"m\", \"observedAt\": \"2026-11-24T10:00:00Z\"}");
        assertThat(parsed.issues()).containsExactly(new FieldIssue("value", "is required (or give numerator and denominator)"));
    }

    @Test
    void refusesWhatPostgresCouldNotStoreAndTheFarFuture() throws IOException {
        ObservationReader.Parsed parsed = read("""
                {"id": "a\\u0000b", "systemKey": "s", "metric": "m", "value": 1e400, "denominator": 0, "numerator": 0,
                 "observedAt": "2026-11-24T12:06:00Z", "dimensions": {"segment": "v\\u0000"}}""");
        assertThat(parsed.issues()).extracting(FieldIssue::field)
                .containsExactly("id", "value", "denominator", "observedAt", "dimensions.segment");
        assertThat(parsed.issues().get(0).message()).isEqualTo(ClientId.MESSAGE);
        assertThat(parsed.issues().get(1).message()).isEqualTo("must be a finite number");
        assertThat(parsed.issues().get(3).message()).isEqualTo("must not be more than 5 minutes in the future");
    }

    @Test
    void refusesAnythingButAnObjectAndSkipsIt() throws IOException {
        assertThat(read("[1, 2, {\"id\": 3}]").issues()).containsExactly(new FieldIssue("item", "must be a JSON object"));
        assertThat(read("\"text\"").issues()).containsExactly(new FieldIssue("item", "must be a JSON object"));
        assertThat(read("{\"id\": \"x\", \"systemKey\": \"s\", \"metric\": \"m\", \"value\": 1, \"observedAt\": \"2026-11-24T10:00:00Z\","
                + " \"dimensions\": [\"a\"]}").issues()).containsExactly(new FieldIssue("dimensions", "must be an object of string values"));
    }

    @Test
    void escapesDimensionsForJsonb() throws IOException {
        ObservationReader.Parsed parsed = read("""
                {"id": "x", "systemKey": "s", "metric": "m", "value": 1, "observedAt": "2026-11-24T10:00:00Z",
                 "dimensions": {"note": "say \\"hi\\"\\n\\\\ \\u0001"}}""");
        assertThat(parsed.observation().dimensionsJson()).isEqualTo("{\"note\":\"say \\\"hi\\\"\\n\\\\ \\u0001\"}");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(parsed.observation().dimensionsJson())
                .get("note").asText()).isEqualTo("say \"hi\"\n\\ \u0001");
    }
}
