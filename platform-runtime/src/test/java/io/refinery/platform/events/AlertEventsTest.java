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
 * The contract of refinery.metrics.alerts: fired and resolved events written by metrics-service read back field for
 * field (with the services' strict mapper, which fails on unknown properties), other types are passed over, and a
 * broken event is refused naming the field.
 */
class AlertEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("3c9d2a1b-4e5f-4a6b-9c7d-8e9f0a1b2c3d");
    private static final UUID ALERT_ID = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aFiredAlertReadsAsWritten() throws Exception {
        JudgedPeriod breach = new JudgedPeriod(DAY, 0.021, 1200, 0.03, 0.027, "BREACH");
        JudgedPeriod skipped = new JudgedPeriod(DAY.minusSeconds(86_400), 0.02, 40, null, null, "INSUFFICIENT_DATA");
        AlertFired written = new AlertFired(ALERT_ID, "reco", "ctr", null, "CRITICAL",
                new AlertRule(UUID.randomUUID(), "BELOW", "FIXED 0.03", "relative 0.1", "P1D", 5, 100), 5,
                List.of(breach), List.of(skipped), null, DAY.plusSeconds(90_000), UUID.randomUUID(), "ESTIMATED");

        ReceivedEvent<AlertEvent> read = AlertEvents.read(MAPPER, bytes(AlertFired.TYPE, written));

        assertThat(read.id()).isEqualTo(EVENT_ID);
        assertThat(read.data()).isEqualTo(written);
    }

    @Test
    void aResolvedAlertReadsAsWritten() throws Exception {
        AlertResolved written = new AlertResolved(ALERT_ID, "reco", "ctr", "new", "WARNING", UUID.randomUUID(),
                new JudgedPeriod(DAY, 0.031, 900, 0.03, 0.027, "WITHIN"), DAY.plusSeconds(90_000));

        assertThat(AlertEvents.read(MAPPER, bytes(AlertResolved.TYPE, written)).data()).isEqualTo(written);
    }

    @Test
    void otherEventTypesArePassedOver() {
        assertThat(AlertEvents.read(MAPPER, "{\"type\": \"io.refinery.metrics.alert.snoozed.v1\"}".getBytes(UTF_8)))
                .isNull();
    }

    @Test
    void anAlertWrittenBeforeValueSourceExistedReadsAsObserved() {
        AlertFired read = (AlertFired) AlertEvents.read(MAPPER, fired("\"consecutiveBreaches\": 5")).data();
        assertThat(read.valueSource()).isEqualTo("OBSERVED");
        assertThat(read.consecutiveBreaches()).isEqualTo(5);
    }

    @Test
    void aBrokenAlertIsRefusedNamingTheField() {
        assertRefused("\"alertId\": 42", "data.alertId must be a UUID string, got the number 42");
        assertRefused("\"firedAt\": \"yesterday\"", "data.firedAt must be an ISO-8601 UTC timestamp, got \"yesterday\"");
        assertRefused("\"breachingPeriods\": {}", "data.breachingPeriods must be an array, got an object");
        assertThatThrownBy(() -> AlertEvents.read(MAPPER, fired("\"breachingPeriods\": [{\"start\": \"soon\"}]")))
                .isInstanceOf(PoisonMessageException.class).hasMessageStartingWith("data.breachingPeriods must be a list of periods: ");
    }

    private static void assertRefused(String extra, String message) {
        assertThatThrownBy(() -> AlertEvents.read(MAPPER, fired(extra)))
                .isInstanceOf(PoisonMessageException.class).hasMessage(message);
    }

    private static byte[] fired(String extra) {
        return """
                {"id": "%s", "type": "io.refinery.metrics.alert.fired.v1",
                 "data": {"alertId": "%s", "systemKey": "reco", "metric": "ctr", "severity": "CRITICAL",
                          "firedAt": "2026-12-02T01:00:00Z", %s}}""".formatted(EVENT_ID, ALERT_ID, extra).getBytes(UTF_8);
    }

    private static byte[] bytes(String type, Object data) throws Exception {
        return MAPPER.writeValueAsBytes(CloudEvent.of(EVENT_ID, "/metrics-service", type, "reco",
                Instant.parse("2026-12-02T01:00:01Z"), MAPPER.valueToTree(data)));
    }
}
