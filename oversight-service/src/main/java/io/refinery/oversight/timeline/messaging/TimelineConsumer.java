package io.refinery.oversight.timeline.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.timeline.domain.TimelineRecorder;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;

/**
 * Hears what the other services publish about AI systems (alerts and drift from metrics-service, experiment and
 * rollout lifecycle from experiment-service, insights from feedback-service), each topic on a channel and consumer
 * group of its own, and keeps it for the timeline and the learnings report. Redelivered events are stored once;
 * unreadable records go to the topic's DLQ; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class TimelineConsumer {

    private final ObjectMapper mapper;
    private final TimelineRecorder recorder;
    private final ConsumerPolicy policy;

    public TimelineConsumer(ObjectMapper mapper, TimelineRecorder recorder, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.recorder = recorder;
        this.policy = policy;
    }

    @Incoming("timeline-alerts")
    public Uni<Void> alerts(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-alerts", record, this::read, recorder::record);
    }

    @Incoming("timeline-drift")
    public Uni<Void> drift(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-drift", record, this::read, recorder::record);
    }

    @Incoming("timeline-experiments")
    public Uni<Void> experiments(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-experiments", record, this::read, recorder::record);
    }

    @Incoming("timeline-feedback")
    public Uni<Void> feedback(ConsumerRecord<String, byte[]> record) {
        return policy.handle("timeline-feedback", record, this::read, recorder::record);
    }

    TimelineRecorder.Heard read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        return read(envelope);
    }

    static TimelineRecorder.Heard read(JsonNode envelope) {
        String id = EventFields.text(envelope, "id");
        String type = EventFields.text(envelope, "type");
        JsonNode data = EventFields.object(envelope, "data");
        String systemKey = envelope.path("subject").asText(data.path("systemKey").asText(""));
        if (systemKey.isEmpty()) {
            throw new PoisonMessageException("the event names no AI system (subject or data.systemKey)");
        }
        Instant occurredAt = envelope.path("time").isMissingNode() ? Instant.now() : EventFields.instant(envelope, "time");
        String source = envelope.path("source").asText("unknown").replaceFirst("^/", "");
        return new TimelineRecorder.Heard(id, systemKey, occurredAt, source, type, data);
    }
}
