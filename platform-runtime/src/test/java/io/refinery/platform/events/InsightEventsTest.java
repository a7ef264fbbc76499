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
 * The contract of refinery.feedback.insights: a contradiction and a theme spike written by feedback-service read back
 * field for field under the services' strict mapper, other types are passed over, and a broken insight is refused
 * naming the field.
 */
class InsightEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final UUID EVENT_ID = UUID.fromString("aa11bb22-cc33-4d44-8e55-ff6677889900");
    private static final Instant DAY = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void aContradictionReadsAsWritten() throws Exception {
        InsightEvent.ContradictionDetected written = new InsightEvent.ContradictionDetected(UUID.randomUUID(), "reco",
                "METRIC_UP_SENTIMENT_DOWN", "P1D", DAY.minusSeconds(6 * 86_400), DAY, DAY.plusSeconds(86_400),
                new InsightEvent.MetricSide("ctr", "HIGHER_IS_BETTER", List.of(0.031, 0.033, 0.036), 2.1, 0.035, "UP"),
                new InsightEvent.CustomerSide(400, 180, 0.45, 380, 76, 0.2, 7.4, 1.4e-13),
                List.of(new InsightEvent.ThemeCount("irrelevant recommendations", 120)),
                List.of(new InsightEvent.Example(UUID.randomUUID(), "SURVEY", "new", -0.7, "why am I shown [EMAIL]?")),
                "ctr rose while negative feedback rose from 20% to 45%", UUID.randomUUID(), DAY.plusSeconds(86_460));

        ReceivedEvent<InsightEvent> read = InsightEvents.read(MAPPER, written(InsightEvent.ContradictionDetected.TYPE, written));

        assertThat(read.data()).isEqualTo(written);
        assertThat(read.source()).isEqualTo("feedback-service");
    }

    @Test
    void aThemeSpikeReadsAsWritten() throws Exception {
        InsightEvent.ThemeSpiked written = new InsightEvent.ThemeSpiked(UUID.randomUUID(), "chatbot", "cannot reach a human",
                DAY, DAY.plusSeconds(86_400), 36, 200, 0.18, 10, 200, 0.05, 3.6, 4.1, 4.1e-5, DAY.plusSeconds(86_460));

        assertThat(InsightEvents.read(MAPPER, written(InsightEvent.ThemeSpiked.TYPE, written)).data()).isEqualTo(written);
    }

    @Test
    void otherTypesArePassedOverAndABrokenInsightIsRefusedNamingTheField() {
        assertThat(InsightEvents.read(MAPPER, envelope("io.refinery.feedback.segment.shifted.v1", "{}"))).isNull();
        assertThatThrownBy(() -> InsightEvents.read(MAPPER, envelope(InsightEvent.ThemeSpiked.TYPE, """
                {"spikeId": "%s", "systemKey": "chatbot", "detectedAt": "2026-12-05T00:01:00Z"}""".formatted(EVENT_ID))))
                .isInstanceOf(PoisonMessageException.class).hasMessage("data.theme is required");
        assertThatThrownBy(() -> InsightEvents.read(MAPPER, envelope(InsightEvent.ContradictionDetected.TYPE, """
                {"contradictionId": 7, "systemKey": "reco", "detectedAt": "2026-12-05T00:01:00Z"}""")))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessage("data.contradictionId must be a UUID string, got the number 7");
        assertThatThrownBy(() -> InsightEvents.read(MAPPER, envelope(InsightEvent.ContradictionDetected.TYPE, """
                {"contradictionId": "%s", "systemKey": "reco", "detectedAt": "2026-12-05T00:01:00Z",
                 "examples": [{"sentiment": "bad"}]}""".formatted(EVENT_ID))))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageStartingWith("data.examples[0].sentiment does not fit ContradictionDetected: ");
    }

    private static byte[] written(String type, InsightEvent data) throws Exception {
        return MAPPER.writeValueAsBytes(CloudEvent.of(EVENT_ID, "/feedback-service", type, data.systemKey(),
                DAY.plusSeconds(86_461), MAPPER.valueToTree(data)));
    }

    private static byte[] envelope(String type, String data) {
        return """
                {"id": "%s", "type": "%s", "data": %s}""".formatted(EVENT_ID, type, data).getBytes(UTF_8);
    }
}
