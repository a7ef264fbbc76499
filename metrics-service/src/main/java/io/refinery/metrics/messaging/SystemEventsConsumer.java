package io.refinery.metrics.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.metrics.domain.SystemProjections;
import io.refinery.metrics.domain.SystemSnapshot;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the system projection fresh from refinery.systems. Each event is applied once (processed-event ledger,
 * same transaction); a record that cannot be read goes to refinery.systems.dlq; a database outage is retried until it ends
 * ({@link ConsumerPolicy}).
 * The offset is committed only after the transaction did (the message is acked when the returned Uni completes).
 */
@ApplicationScoped
public class SystemEventsConsumer {

    static final String CHANNEL = "systems";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final SystemProjections projections;
    private final ConsumerPolicy policy;

    public SystemEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, SystemProjections projections,
            ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.projections = projections;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, event -> applyOnce(event.id(), event.snapshot()));
    }

    /** One registry event: its CloudEvent id (the idempotency key) and the system it describes. */
    record SystemEvent(UUID id, SystemSnapshot snapshot) {
    }

    SystemEvent read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        UUID id = EventFields.uuid(envelope, "id");
        SystemEventData data = mapper.treeToValue(EventFields.object(envelope, "data"), SystemEventData.class);
        SystemSnapshot snapshot = data == null ? null : data.toSnapshot();
        if (snapshot == null) {
            throw new PoisonMessageException("data lacks required system fields (key, name, kind, riskProfile)");
        }
        return new SystemEvent(id, snapshot);
    }

    @WithTransaction
    Uni<Boolean> applyOnce(UUID id, SystemSnapshot snapshot) {
        return processed.markNew(CHANNEL, id)
                .flatMap(isNew -> isNew ? projections.apply(snapshot) : Uni.createFrom().item(false));
    }
}
