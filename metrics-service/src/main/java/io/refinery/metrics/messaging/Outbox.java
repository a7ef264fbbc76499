package io.refinery.metrics.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Appends events to the outbox inside the caller's transaction: state change and event commit together. */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into metrics.outbox (id, topic, record_key, event_type, payload, created_at)"
            + " values (?, ?, ?, ?, ?, ?)";

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Must run inside a {@code @WithTransaction} method, so the row commits or rolls back with the caller's. */
    public Uni<CloudEvent> append(String topic, String type, String systemKey, Object data) {
        CloudEvent event = CloudEvent.of(type, systemKey, Instant.now(), mapper.valueToTree(data));
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

    /**
     * The same append for the blocking write paths (JDBC on a worker thread): the row joins the transaction that
     * {@code connection} has open, so it commits or rolls back with the caller's.
     */
    public CloudEvent append(Connection connection, String topic, String type, String systemKey, Object data)
            throws SQLException {
        CloudEvent event = CloudEvent.of(type, systemKey, Instant.now(), mapper.valueToTree(data));
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, UUID.fromString(event.id()));
            insert.setString(2, topic);
            insert.setString(3, systemKey);
            insert.setString(4, type);
            insert.setString(5, mapper.writeValueAsString(event));
            insert.setObject(6, event.time().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + type, e);
        }
        return event;
    }
}
