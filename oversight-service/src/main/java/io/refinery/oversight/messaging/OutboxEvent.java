package io.refinery.oversight.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.refinery.platform.outbox.OutboxRelay;

/**
 * An outgoing event, written in the same transaction as the state change it reports. {@link OutboxRelay}
 * publishes unsent rows in {@code seq} order and stamps {@code published_at}.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {

    /** The CloudEvent id. */
    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** The whole CloudEvent, serialized. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
