package io.refinery.feedback.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Appends events to the outbox inside the caller's transaction: state change and event commit together. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Must run inside a {@code @WithTransaction} method, so the row commits or rolls back with the caller's. */
    public Uni<CloudEvent> append(String topic, String type, String systemKey, Object data) {
        return append(UUID.randomUUID(), topic, type, systemKey, data);
    }

    /** The same, with the CloudEvent id chosen by the caller. */
    public Uni<CloudEvent> append(UUID eventId, String topic, String type, String systemKey, Object data) {
        CloudEvent event = CloudEvent.of(eventId, type, systemKey, Instant.now(), mapper.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.recordKey = systemKey;
        row.eventType = type;
        row.createdAt = event.time();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialize event " + type, e));
        }
        return row.persist().replaceWith(event);
    }
}
