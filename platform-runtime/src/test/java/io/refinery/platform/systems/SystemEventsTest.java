package io.refinery.platform.systems;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.CloudEvent;

/**
 * The contract of refinery.systems: the entry oversight-service's registry writes is the system the projections keep,
 * field for field, under the services' strict mapper; fields a later registry adds are passed over; an entry that
 * lacks a required field is refused.
 */
class SystemEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("5e7a1c00-2b3d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final Instant UPDATED = Instant.parse("2026-12-06T04:00:00Z");
    private final SystemEventsConsumer consumer = new SystemEventsConsumer(MAPPER, null, null, null);

    @Test
    void whatTheRegistryWritesIsWhatTheProjectionKeeps() throws Exception {
        SystemEventData written = new SystemEventData("reco", "Homepage recommendations", "RECOMMENDER", "growth",
                new SystemEventData.RiskProfileData("HIGH", "MEDIUM", "HIGH"), 3, UPDATED);
        byte[] value = MAPPER.writeValueAsBytes(CloudEvent.of(EVENT_ID, "/oversight-service", SystemEventData.UPDATED,
                "reco", UPDATED, MAPPER.valueToTree(written)));

        SystemEventsConsumer.SystemEvent read = consumer.read(value);

        assertThat(read.id()).isEqualTo(EVENT_ID);
        assertThat(read.system()).isEqualTo(new KnownSystem("reco", "Homepage recommendations", "RECOMMENDER", "growth",
                "HIGH", "MEDIUM", "HIGH", 3, UPDATED));
    }

    @Test
    void fieldsALaterRegistryAddsArePassedOver() throws Exception {
        SystemEventsConsumer.SystemEvent read = consumer.read(event("""
                "key": "reco", "name": "Reco", "kind": "RECOMMENDER", "ownerTeam": "growth", "revision": 1,
                "updatedAt": "2026-12-06T04:00:00Z", "lifecycle": "PILOT",
                "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW", "legal": "LOW"}"""));

        assertThat(read.system().key()).isEqualTo("reco");
    }

    @Test
    void anEntryWithoutARequiredFieldIsRefused() {
        assertThatThrownBy(() -> consumer.read(event("""
                "key": "reco", "name": "Reco", "kind": "RECOMMENDER", "revision": 1, "updatedAt": "2026-12-06T04:00:00Z",
                "riskProfile": {"brandImpact": "LOW", "financialImpact": "LOW", "customerImpact": "LOW"}""")))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("lacks required system fields");
    }

    private static byte[] event(String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/oversight-service", "type": "%s", "data": {%s}}"""
                .formatted(EVENT_ID, SystemEventData.REGISTERED, data).getBytes(UTF_8);
    }
}
