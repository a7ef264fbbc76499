package io.refinery.feedback.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.platform.problem.FieldIssue;

/** JSON to the submission rules and back: what both doors (HTTP and Kafka) get for the same bytes. */
class FeedbackReaderTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void aClientIdMapsToItsNameBasedKeyAndAUuidIsTheKey() throws Exception {
        String item = "{\"id\":\"%s\",\"systemKey\":\"support-bot\",\"channel\":\"SOCIAL\",\"text\":\"ok\","
                + "\"rating\":7.5,\"occurredAt\":\"2026-11-24T10:00:00Z\"}";
        FeedbackReader.Parsed named = FeedbackReader.read(json(String.format(item, "shop:order-1")), NOW);
        UUID uuid = UUID.randomUUID();
        FeedbackReader.Parsed keyed = FeedbackReader.read(json(String.format(item, uuid)), NOW);

        assertThat(named.ok()).isTrue();
        assertThat(named.draft().id()).isEqualTo(FeedbackIds.item("shop:order-1"));
        assertThat(named.draft().clientId()).isEqualTo("shop:order-1");
        assertThat(named.draft().rating()).isEqualTo(7.5);
        assertThat(keyed.draft().id()).isEqualTo(uuid);
        assertThat(keyed.draft().clientId()).isNull();
    }

    @Test
    void refusalsComeBackAsFieldIssues() throws Exception {
        FeedbackReader.Parsed parsed = FeedbackReader.read(json("{\"id\":\"a b\",\"systemKey\":\"support-bot\","
                + "\"channel\":\"SOCIAL\",\"text\":\"ok\",\"rating\":true,\"occurredAt\":\"2026-11-24T10:00:00Z\"}"), NOW);

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.issues()).extracting(FieldIssue::field).containsExactly("id", "rating");
        assertThat(FeedbackReader.readDebrief(json("[]"), NOW).issues()).extracting(FieldIssue::field)
                .containsExactly("body");
        assertThat(FeedbackReader.read(null, NOW).issues()).extracting(FieldIssue::field).containsExactly("item");
    }
}
