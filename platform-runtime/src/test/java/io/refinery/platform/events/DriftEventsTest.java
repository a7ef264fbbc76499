package io.refinery.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.CloudEvent;

/**
 * The contract of refinery.metrics.drift: a data and a concept detection written by metrics-service read back field
 * for field with the envelope's attributes, an event of the first version written by hand still reads (fields a
 * later producer adds are passed over, even under the services' strict mapper), other types are passed over, and a
 * broken event is refused naming the field.
 */
class DriftEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    private static final UUID DETECTION = UUID.fromString("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void aDataDetectionReadsAsWrittenWithItsEnvelope() throws Exception {
        DriftDetected written = new DriftDetected(DETECTION, "DATA", "chatbot", UUID.randomUUID(), "intents",
                UUID.randomUUID(), new DriftDetected.Windows(NOW.minusSeconds(86_400), NOW, NOW.minusSeconds(8 * 86_400),
                        NOW.minusSeconds(86_400)),
                List.of(new DriftDetected.FeatureView("intent", true, "CHI_SQUARE", 41.2, 1.1e-9, 0.05, true, null),
                        new DriftDetected.FeatureView("basket", true, "KS", 0.04, 0.61, 0.05, false, 0.8)),
                0.5, 0.5, null, new DriftDetected.RecommendationView("RETRAIN", List.of("a model input drifted")), NOW,
                UUID.randomUUID());

        ReceivedEvent<DriftDetected> read = DriftEvents.read(MAPPER, written(written));

        assertThat(read.data()).isEqualTo(written);
        assertThat(read.data().driftedFeatures()).containsExactly("intent");
        assertThat(read.id()).isEqualTo(EVENT_ID);
        assertThat(read.type()).isEqualTo(DriftDetected.TYPE);
        assertThat(read.source()).isEqualTo("metrics-service");
        assertThat(read.subject()).isEqualTo("chatbot");
        assertThat(read.time()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aConceptDetectionReadsAsWritten() throws Exception {
        DriftDetected written = new DriftDetected(DETECTION, "CONCEPT", "pricing", null, null, null, null, List.of(),
                null, null, new DriftDetected.Concept("ADWIN", 5_000, 0.12, 0.31),
                new DriftDetected.RecommendationView("ROLLBACK", List.of("error rose")), NOW, null);

        assertThat(DriftEvents.read(MAPPER, written(written)).data()).isEqualTo(written);
    }

    @Test
    void theFirstVersionWrittenByHandReadsAndLaterAdditionsArePassedOver() {
        ReceivedEvent<DriftDetected> read = DriftEvents.read(MAPPER, envelope("""
                "detectionId": "%s", "kind": "CONCEPT", "systemKey": "pricing", "features": [],
                "concept": {"detector": "PAGE_HINKLEY", "updates": 900, "errorAfter": 0.2, "addedLater": true},
                "recommendation": {"action": "RETRAIN", "reasons": []}, "detectedAt": "2026-12-05T06:00:00Z",
                "severityAddedInALaterRelease": "HIGH\"""".formatted(DETECTION)));

        assertThat(read.data().concept()).isEqualTo(new DriftDetected.Concept("PAGE_HINKLEY", 900, null, 0.2));
        assertThat(read.data().recommendation().action()).isEqualTo("RETRAIN");
        assertThat(read.time()).isNull();
        assertThat(read.timeOr(NOW)).isEqualTo(NOW);
    }

    @Test
    void otherEventTypesArePassedOver() {
        assertThat(DriftEvents.read(MAPPER, """
                {"id": "%s", "type": "io.refinery.metrics.drift.detected.v2", "data": {}}""".formatted(EVENT_ID)
                .getBytes(UTF_8))).isNull();
    }

    @Test
    void aBrokenDetectionIsRefusedNamingTheField() {
        String valid = "\"detectionId\": \"%s\", \"systemKey\": \"chatbot\", \"recommendation\": {\"action\": \"RETRAIN\"}, "
                .formatted(DETECTION) + "\"detectedAt\": \"2026-12-05T06:00:00Z\", ";
        assertRefused(valid + "\"kind\": \"BOTH\"", "data.kind must be DATA or CONCEPT, got \"BOTH\"");
        assertRefused(valid + "\"kind\": \"CONCEPT\"", "data.concept is required");
        assertRefused(valid.replace("\"systemKey\": \"chatbot\", ", "") + "\"kind\": \"DATA\"", "data.systemKey is required");
        assertThatThrownBy(() -> DriftEvents.read(MAPPER, envelope(valid
                + "\"kind\": \"DATA\", \"features\": [{\"feature\": \"intent\", \"pValue\": \"tiny\"}]")))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("data.features[0].pValue does not fit DriftDetected: ");
    }

    private static void assertRefused(String data, String message) {
        assertThatThrownBy(() -> DriftEvents.read(MAPPER, envelope(data))).isInstanceOf(PoisonMessageException.class)
                .hasMessage(message);
    }

    private static byte[] written(DriftDetected data) throws Exception {
        return MAPPER.writeValueAsBytes(CloudEvent.of(EVENT_ID, "/metrics-service", DriftDetected.TYPE, data.systemKey(),
                NOW.plusSeconds(1), MAPPER.valueToTree(data)));
    }

    private static byte[] envelope(String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/metrics-service", "type": "%s", "data": {%s}}"""
                .formatted(EVENT_ID, DriftDetected.TYPE, data).getBytes(UTF_8);
    }
}
