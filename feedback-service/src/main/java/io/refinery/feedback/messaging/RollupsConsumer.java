package io.refinery.feedback.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.feedback.domain.Contradictions;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.messaging.ProcessedEvents;

/**
 * Reads metrics-service's closed periods from refinery.metrics.rollups and hands each to {@link Contradictions}
 * once: the processed-event ledger, the stored rollup, a contradiction and its outgoing events all commit in one
 * transaction, and the offset is committed after it. Other event types on the topic are skipped; unreadable
 * records go to refinery.metrics.rollups.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class RollupsConsumer {

    static final String CHANNEL = "rollups";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final Contradictions contradictions;
    private final ConsumerPolicy policy;

    public RollupsConsumer(ObjectMapper mapper, ProcessedEvents processed, Contradictions contradictions,
            ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.contradictions = contradictions;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, closed -> applyOnce(closed.id(), closed.rollup()));
    }

    /** A closed period: its event id (the idempotency key) and the rollup. */
    record Closed(UUID id, RollupEventData rollup) {
    }

    /** The closed period a record carries, or null for other event types on the topic. */
    Closed read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        if (!RollupEventData.CLOSED.equals(envelope.path("type").asText())) {
            return null;
        }
        UUID id = EventFields.uuid(envelope, "id");
        RollupEventData rollup = mapper.treeToValue(EventFields.object(envelope, "data"), RollupEventData.class);
        String problem = rollup == null ? "data" : rollup.problem();
        if (problem != null) {
            throw new PoisonMessageException("the rollup lacks a valid data." + problem);
        }
        return new Closed(id, rollup);
    }

    @WithTransaction
    Uni<UUID> applyOnce(UUID id, RollupEventData rollup) {
        return processed.markNew(CHANNEL, id)
                .flatMap(isNew -> isNew ? contradictions.onRollup(rollup) : Uni.createFrom().<UUID> nullItem());
    }
}
