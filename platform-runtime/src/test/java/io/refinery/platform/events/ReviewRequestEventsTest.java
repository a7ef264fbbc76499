package io.refinery.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.CloudEvent;

/**
 * The contract of refinery.oversight.requests: a request written by a producer reads back field for field; one that
 * names no source comes from the event that carries it; a field of the wrong type is refused naming it.
 */
class ReviewRequestEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");

    @Test
    void whatAProducerWritesReadsBack() throws Exception {
        ReviewRequested written = new ReviewRequested(UUID.randomUUID().toString(), "pricing", "PRICE_CHANGE",
                "Raise the price of SKU 42 by 15 %", Map.of("sku", "42", "change", 0.15), 0.15, 1200.0, 0.8,
                new RequestSource("metrics-service", UUID.randomUUID().toString()));
        JsonNode envelope = MAPPER.valueToTree(CloudEvent.of(EVENT_ID, "/metrics-service",
                ReviewRequested.typeOf("metrics"), "pricing", Instant.parse("2026-12-05T10:00:00Z"),
                MAPPER.valueToTree(written)));

        ReceivedEvent<ReviewRequested> read = ReviewRequestEvents.read(MAPPER, envelope);

        assertThat(read.data()).isEqualTo(written);
        assertThat(read.type()).isEqualTo("io.refinery.metrics.review.requested.v1");
    }

    @Test
    void aRequestThatNamesNoSourceComesFromTheEventThatCarriesIt() throws Exception {
        ReviewRequested read = ReviewRequestEvents.read(MAPPER, MAPPER.readTree("""
                {"id": "%s", "source": "/shop-backend", "type": "com.shop.review.requested.v1",
                 "data": {"id": "req-1", "systemKey": "pricing"}}""".formatted(EVENT_ID))).data();

        assertThat(read.source()).isEqualTo(new RequestSource("shop-backend", EVENT_ID.toString()));
        assertThat(read.payload()).isNull();
        assertThat(read.summary()).isNull();
    }

    @Test
    void aFieldOfTheWrongTypeIsRefusedNamingIt() {
        assertRefused("\"id\": \"r1\", \"summary\": 7", "data.summary must be a string, got the number 7");
        assertRefused("\"id\": \"r1\", \"payload\": [1]", "data.payload must be an object, got an array");
        assertRefused("\"id\": \"r1\", \"magnitude\": \"big\"", "data.magnitude must be a number, got the string \"big\"");
        assertRefused("\"id\": \"r1\", \"source\": {\"service\": 3}", "data.source.service must be a string, got the number 3");
        assertRefused("\"systemKey\": \"pricing\"", "data.id is required");
    }

    private static void assertRefused(String data, String message) {
        assertThatThrownBy(() -> ReviewRequestEvents.read(MAPPER, MAPPER.readTree("""
                {"id": "%s", "type": "io.refinery.metrics.review.requested.v1", "data": {%s}}"""
                .formatted(EVENT_ID, data).getBytes(UTF_8)))).isInstanceOf(PoisonMessageException.class).hasMessage(message);
    }
}
