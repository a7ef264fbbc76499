package io.refinery.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.CloudEvent;

/**
 * The contract of refinery.metrics.rollups: what metrics-service writes is what feedback-service reads, other event
 * types on the topic are passed over, and an impossible period is refused naming the field.
 */
class RollupEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final UUID EVENT_ID = UUID.fromString("7d4b1c2e-0f3a-4b5c-8d6e-9f0a1b2c3d4e");
    private static final Instant DAY = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void whatTheProducerWritesTheConsumerReads() throws Exception {
        // (30 + 10) successes over (1000 + 1000) samples: 0.02 overall, 0.03 and 0.01 per segment.
        RollupClosed written = new RollupClosed("reco", "ctr", "P1D", DAY, DAY.plusSeconds(86_400), 0.02, 2, 2000,
                0.01, 0.03, List.of(new RollupClosed.SegmentValue("new", 0.03, 1, 1000),
                        new RollupClosed.SegmentValue("returning", 0.01, 1, 1000)));
        CloudEvent event = CloudEvent.of(EVENT_ID, "/metrics-service", RollupClosed.TYPE, "reco",
                Instant.parse("2026-12-05T00:00:05Z"), MAPPER.valueToTree(written));

        ReceivedEvent<RollupClosed> read = RollupEvents.read(MAPPER, MAPPER.writeValueAsBytes(event));

        assertThat(read.id()).isEqualTo(EVENT_ID);
        assertThat(read.data()).isEqualTo(written);
    }

    @Test
    void otherEventTypesOfTheTopicArePassedOver() {
        assertThat(RollupEvents.read(MAPPER, """
                {"id": "%s", "type": "io.refinery.metrics.rollup.reopened.v2", "data": {}}"""
                .formatted(EVENT_ID).getBytes(UTF_8))).isNull();
    }

    @Test
    void anImpossibleRollupIsRefusedNamingTheField() {
        assertRefused("\"end\": \"2026-12-04T00:00:00Z\"",
                "data.end must be after data.start, got 2026-12-04T00:00:00Z <= 2026-12-04T00:00:00Z");
        assertRefused("\"value\": \"NaN\"", "data.value must be a number, got the string \"NaN\"");
        assertRefused("\"samples\": -1", "data.samples must be a whole number of zero or more, got the number -1");
        assertRefused("\"count\": 2.5", "data.count must be a whole number of zero or more, got the number 2.5");
        assertRefused("\"segments\": [{\"segment\": \"new\", \"value\": 0.1, \"count\": 1}]",
                "data.segments[0].samples is required");
        assertRefused("\"metric\": 7", "data.metric must be a string, got the number 7");
    }

    private static void assertRefused(String extra, String message) {
        String value = """
                {"id": "%s", "type": "io.refinery.metrics.rollup.closed.v1",
                 "data": {"systemKey": "reco", "metric": "ctr", "period": "P1D", "start": "2026-12-04T00:00:00Z",
                          "end": "2026-12-05T00:00:00Z", "value": 0.02, "count": 2, "samples": 2000, "min": 0.01,
                          "max": 0.03, %s}}""".formatted(EVENT_ID, extra);
        assertThatThrownBy(() -> RollupEvents.read(MAPPER, value.getBytes(UTF_8)))
                .isInstanceOf(PoisonMessageException.class).hasMessage(message);
    }
}
