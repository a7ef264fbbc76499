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
 * The contract of refinery.oversight.decisions: what the producer writes (a {@link DecisionMade} in a
 * {@link CloudEvent}, serialised as Quarkus' ObjectMapper does) is what every consumer reads, field for field; a
 * first-version event without the later fields still reads; a broken event is refused naming the field.
 */
class DecisionEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final UUID EVENT_ID = UUID.fromString("0b8e3f0c-52a4-4a4e-9a57-6c2f1d1e9a01");
    private static final UUID REQUEST_ID = UUID.fromString("5f0c1f7e-9d55-4a3b-8a0e-2b7d8c9e1f20");

    @Test
    void whatTheProducerWritesEveryConsumerReads() throws Exception {
        DecisionMade written = new DecisionMade(REQUEST_ID, "pricing", "PRICE_CHANGE", DecisionOutcome.MODIFY, "bob",
                "cap the rise at 8 %", Instant.parse("2026-12-05T10:15:30.123Z"), "HUMAN_APPROVAL",
                List.of("alice", "bob"), "{\"action\":\"RETRAIN\",\"maxChange\":0.08}",
                new RequestSource("metrics-service", "e-17"), false, "shop-42");
        CloudEvent event = CloudEvent.of(EVENT_ID, "/oversight-service", DecisionMade.TYPE, "pricing",
                Instant.parse("2026-12-05T10:15:31Z"), MAPPER.valueToTree(written));

        ReceivedEvent<DecisionMade> read = DecisionEvents.read(MAPPER, MAPPER.writeValueAsBytes(event));

        assertThat(read.id()).isEqualTo(EVENT_ID);
        assertThat(read.data()).isEqualTo(written);
        assertThat(DecisionEvents.modifiedAction(MAPPER, read.data())).isEqualTo("RETRAIN");
    }

    @Test
    void aFirstVersionEventStillReads() {
        String v1 = """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service",
                 "type": "io.refinery.oversight.decision.made.v1", "subject": "reco", "time": "2026-12-01T09:00:00Z",
                 "data": {"requestId": "%s", "systemKey": "reco", "actionType": "ALERT_REVIEW", "outcome": "APPROVE",
                          "decidedBy": "rita", "rationale": "tracking outage", "decidedAt": "2026-12-01T08:59:58Z"}}"""
                .formatted(EVENT_ID, REQUEST_ID);

        DecisionMade d = DecisionEvents.read(MAPPER, v1.getBytes(UTF_8)).data();

        assertThat(d.requestId()).isEqualTo(REQUEST_ID);
        assertThat(d.outcome()).isEqualTo(DecisionOutcome.APPROVE);
        assertThat(d.decidedAt()).isEqualTo(Instant.parse("2026-12-01T08:59:58Z"));
        assertThat(d.approvers()).isEmpty();
        assertThat(d.tier()).isNull();
        assertThat(d.source()).isNull();
        assertThat(d.automatic()).isFalse();
        assertThat(DecisionEvents.modifiedAction(MAPPER, d)).isNull();
    }

    @Test
    void modificationsSentAsAnObjectOrAsFreeText() {
        assertThat(DecisionEvents.modifiedAction(MAPPER, DecisionEvents.read(MAPPER,
                event("\"modifications\": {\"action\": \"ROLLBACK\"}")).data())).isEqualTo("ROLLBACK");
        DecisionMade freeText = DecisionEvents.read(MAPPER, event("\"modifications\": \"lower the cap\"")).data();
        assertThat(freeText.modifications()).isEqualTo("lower the cap");
        assertThat(DecisionEvents.modifiedAction(MAPPER, freeText)).isNull();
    }

    @Test
    void aBrokenEventIsRefusedNamingTheField() {
        assertRefused(event("\"requestId\": 42"), "data.requestId must be a UUID string, got the number 42");
        assertRefused(event("\"outcome\": \"MAYBE\""),
                "data.outcome must be one of [APPROVE, REJECT, MODIFY], got \"MAYBE\"");
        assertRefused(event("\"approvers\": \"alice\""), "data.approvers must be an array of strings, got the string \"alice\"");
        assertRefused(event("\"approvers\": [\"alice\", 7]"), "data.approvers must be an array of strings, got an element the number 7");
        assertRefused(event("\"source\": [1]"), "data.source must be an object, got an array");
        assertRefused("{\"id\": \"%s\", \"data\": []}".formatted(EVENT_ID).getBytes(UTF_8), "data must be an object, got an array");
    }

    private static void assertRefused(byte[] value, String message) {
        assertThatThrownBy(() -> DecisionEvents.read(MAPPER, value))
                .isInstanceOf(PoisonMessageException.class).hasMessage(message);
    }

    /** A valid APPROVE of an alert review, with {@code extra} as the last data fields (a later key wins in Jackson). */
    private static byte[] event(String extra) {
        return """
                {"id": "%s", "data": {"requestId": "%s", "actionType": "ALERT_REVIEW", "outcome": "APPROVE",
                 "decidedBy": "rita", "decidedAt": "2026-12-01T08:59:58Z", %s}}""".formatted(EVENT_ID, REQUEST_ID, extra).getBytes(UTF_8);
    }
}
