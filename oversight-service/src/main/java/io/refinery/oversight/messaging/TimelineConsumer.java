package io.refinery.oversight.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.domain.TimelineRecorder;
import io.smallrye.mutiny.Uni;

/**
 * Hears what the other services publish about AI systems (alerts and drift from metrics-service, experiment and
 * rollout lifecycle from experiment-service, insights from feedback-service), each topic on a channel and consumer
 * group of its own, and keeps it for the timeline and the learnings report. Redelivered events are stored once;
 * unreadable records go to the channel's DLQ.
 */
@ApplicationScoped
public class TimelineConsumer {

    private static final Logger LOG = Logger.getLogger(TimelineConsumer.class);

    private final ObjectMapper mapper;
    private final TimelineRecorder recorder;

    public TimelineConsumer(ObjectMapper mapper, TimelineRecorder recorder) {
        this.mapper = mapper;
        this.recorder = recorder;
    }

    @Incoming("timeline-alerts")
    public Uni<Void> alerts(String payload) {
        return keep(payload);
    }

    @Incoming("timeline-drift")
    public Uni<Void> drift(String payload) {
        return keep(payload);
    }

    @Incoming("timeline-experiments")
    public Uni<Void> experiments(String payload) {
        return keep(payload);
    }

    @Incoming("timeline-feedback")
    public Uni<Void> feedback(String payload) {
        return keep(payload);
    }

    Uni<Void> keep(String payload) {
        final TimelineRecorder.Heard heard;
        try {
            heard = read(mapper.readTree(payload));
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable event for the timeline: " + e.getMessage(), e));
        }
        return recorder.record(heard)
                .onFailure().invoke(e -> LOG.warnf("keeping event %s failed, retrying: %s", heard.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .replaceWithVoid();
    }

    static TimelineRecorder.Heard read(JsonNode envelope) {
        String id = required(envelope, "id");
        String type = required(envelope, "type");
        JsonNode data = envelope.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be an object");
        }
        String systemKey = envelope.path("subject").asText(data.path("systemKey").asText(""));
        if (systemKey.isEmpty()) {
            throw new IllegalArgumentException("the event names no AI system (subject or data.systemKey)");
        }
        String time = envelope.path("time").asText(null);
        Instant occurredAt = time == null ? Instant.now() : Instant.parse(time);
        String source = envelope.path("source").asText("unknown").replaceFirst("^/", "");
        return new TimelineRecorder.Heard(id, systemKey, occurredAt, source, type, data);
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
