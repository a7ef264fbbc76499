package io.refinery.platform.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.outbox.CloudEvent;

/**
 * The contract of refinery.experiments.lifecycle: every event type experiment-service writes reads back as its record,
 * field for field, under the services' strict mapper; a type this version does not know is passed over; an event
 * that names no system, or a field of the wrong shape, is refused naming the field.
 */
class LifecycleEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("9b8a7c6d-5e4f-4321-8fed-cba987654321");
    private static final UUID EXPERIMENT = UUID.fromString("11112222-3333-4444-8555-666677778888");
    private static final Instant NOW = Instant.parse("2026-12-05T09:30:00Z");

    @Test
    void everyEventTypeReadsAsWritten() throws Exception {
        assertRoundTrip(LifecycleEvent.ExperimentStarted.TYPE, new LifecycleEvent.ExperimentStarted(EXPERIMENT, "reco-ranker-v2",
                "reco", "AB", "the new ranker lifts CTR", List.of("control", "ranker-v2"), "ctr", "FREQUENTIST", 12_400,
                "P28D", NOW, NOW.plusSeconds(28 * 86_400), "alice"));
        assertRoundTrip(LifecycleEvent.ExperimentStopped.TYPE, new LifecycleEvent.ExperimentStopped(EXPERIMENT, "reco-ranker-v2",
                "reco", "MAX_DURATION", "ran 28 days", NOW, "SHIP:ranker-v2", Map.of("srmPValue", 0.41)));
        assertRoundTrip(LifecycleEvent.ExperimentConcluded.TYPE, new LifecycleEvent.ExperimentConcluded(EXPERIMENT,
                "reco-ranker-v2", "reco", "SHIP:ranker-v2", "lift 4.1 %", "MANUAL", "bob", NOW, "SHIP:ranker-v2",
                UUID.randomUUID(), Map.of("variants", List.of("control", "ranker-v2"))));
        assertRoundTrip(LifecycleEvent.ExperimentOverdue.TYPE, new LifecycleEvent.ExperimentOverdue(EXPERIMENT, "reco-ranker-v2",
                "reco", "STOPPED", NOW.minusSeconds(86_400 * 4), NOW.minusSeconds(86_400 * 5), NOW, "stopped 4 days ago"));
        assertRoundTrip(LifecycleEvent.CoverageGap.OPENED, new LifecycleEvent.CoverageGap("reco", NOW, null, null));
        assertRoundTrip(LifecycleEvent.CoverageGap.CLOSED, new LifecycleEvent.CoverageGap("reco", NOW.minusSeconds(60), NOW,
                "reco-ranker-v3"));
        assertRoundTrip(LifecycleEvent.RolloutStepped.typeOf("paused"), new LifecycleEvent.RolloutStepped("reco-ranker-v2-rollout",
                "reco", "reco-ranker-v2", "ranker-v2", "paused", "PAUSED", 1, "eu-10pct", "FIRING alert on ctr", NOW,
                Map.of("alertId", "a1")));
    }

    @Test
    void aTypeThisVersionDoesNotKnowIsPassedOver() {
        assertThat(LifecycleEvents.read(MAPPER, envelope("io.refinery.experiments.experiment.paused.v1", "{}"))).isNull();
        assertThat(LifecycleEvents.read(MAPPER, envelope("io.refinery.experiments.rollout.paused.v2", "{}"))).isNull();
    }

    @Test
    void aBrokenEventIsRefusedNamingTheField() {
        assertThatThrownBy(() -> LifecycleEvents.read(MAPPER, envelope(LifecycleEvent.CoverageGap.OPENED, "{}")))
                .isInstanceOf(PoisonMessageException.class).hasMessage("data.systemKey is required");
        assertThatThrownBy(() -> LifecycleEvents.read(MAPPER, envelope(LifecycleEvent.RolloutStepped.typeOf("resumed"),
                "{\"systemKey\": \"reco\", \"step\": \"resumed\"}")))
                .isInstanceOf(PoisonMessageException.class).hasMessage("data.rolloutKey is required");
        assertThatThrownBy(() -> LifecycleEvents.read(MAPPER, envelope(LifecycleEvent.ExperimentStarted.TYPE,
                "{\"systemKey\": \"reco\", \"variants\": \"control\"}")))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("data.variants does not fit ExperimentStarted: ");
    }

    private static void assertRoundTrip(String type, LifecycleEvent written) throws Exception {
        byte[] value = MAPPER.writeValueAsBytes(CloudEvent.of(EVENT_ID, "/experiment-service", type, written.systemKey(),
                NOW, MAPPER.valueToTree(written)));

        ReceivedEvent<LifecycleEvent> read = LifecycleEvents.read(MAPPER, value);

        assertThat(read.data()).as(type).isEqualTo(written);
        assertThat(read.type()).isEqualTo(type);
        assertThat(read.source()).isEqualTo("experiment-service");
        assertThat(read.subject()).isEqualTo(written.systemKey());
    }

    private static byte[] envelope(String type, String data) {
        return """
                {"id": "%s", "type": "%s", "source": "/experiment-service", "data": %s}"""
                .formatted(EVENT_ID, type, data).getBytes(UTF_8);
    }
}
