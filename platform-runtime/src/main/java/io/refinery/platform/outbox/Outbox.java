package io.refinery.platform.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Appends events to the service's outbox ({@code <refinery.outbox.schema>.outbox}) inside the caller's transaction:
 * state change and event commit together, and {@link OutboxRelay} publishes them in {@code seq} order. Each event is
 * a {@link CloudEvent} whose source is {@code /<quarkus.application.name>} and whose subject and record key is the
 * systemKey.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final String source;
    private final String insertReactive;
    private final String insertJdbc;

    public Outbox(ObjectMapper mapper, @ConfigProperty(name = "refinery.outbox.schema") String schema,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.mapper = mapper;
        this.source = "/" + application;
        String table = SchemaName.checked(schema) + ".outbox";
        String columns = " (id, topic, record_key, event_type, payload, created_at)";
        this.insertReactive = "insert into " + table + columns + " values (?1, ?2, ?3, ?4, ?5, ?6)";
        this.insertJdbc = "insert into " + table + columns + " values (?, ?, ?, ?, ?, ?)";
    }

    /** Must run inside a {@code @WithTransaction} method, so the row commits or rolls back with the caller's. */
    public Uni<CloudEvent> append(String topic, String type, String systemKey, Object data) {
        return append(UUID.randomUUID(), topic, type, systemKey, data);
    }

    /** The same, with the event id chosen by the caller, who stores it with the state change the event reports. */
    public Uni<CloudEvent> append(UUID eventId, String topic, String type, String systemKey, Object data) {
        CloudEvent event = CloudEvent.of(eventId, source, type, systemKey, Instant.now(), mapper.valueToTree(data));
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialize event " + type, e));
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(insertReactive)
                .setParameter(1, eventId).setParameter(2, topic).setParameter(3, systemKey).setParameter(4, type)
                .setParameter(5, payload).setParameter(6, event.time().atOffset(ZoneOffset.UTC))
                .executeUpdate())
                .replaceWith(event);
    }

    /**
     * The same append for the blocking write paths (JDBC on a worker thread): the row joins the transaction that
     * {@code connection} has open, so it commits or rolls back with the caller's.
     */
    public CloudEvent append(Connection connection, String topic, String type, String systemKey, Object data)
            throws SQLException {
        UUID id = UUID.randomUUID();
        CloudEvent event = CloudEvent.of(id, source, type, systemKey, Instant.now(), mapper.valueToTree(data));
        try (PreparedStatement insert = connection.prepareStatement(insertJdbc)) {
            insert.setObject(1, id);
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
