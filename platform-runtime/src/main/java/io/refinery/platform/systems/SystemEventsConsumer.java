package io.refinery.platform.systems;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * Keeps {@link KnownSystems} fresh from refinery.systems, in the services that set
 * {@code refinery.systems.projection=enabled} (all but oversight-service, which owns the registry). Each event is
 * applied once (processed-event ledger, same transaction); a record that cannot be read goes to
 * refinery.systems.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}). The offset is committed
 * only after the transaction did (the message is acked when the returned Uni completes).
 */
@ApplicationScoped
@IfBuildProperty(name = "refinery.systems.projection", stringValue = "enabled")
public class SystemEventsConsumer {

    public static final String CHANNEL = "systems";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final KnownSystems systems;
    private final ConsumerPolicy policy;

    public SystemEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, KnownSystems systems,
            ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.systems = systems;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, event -> applyOnce(event.id(), event.system()));
    }

    /** One registry event: its CloudEvent id (the idempotency key) and the system it describes. */
    record SystemEvent(UUID id, KnownSystem system) {
    }

    SystemEvent read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        UUID id = EventFields.uuid(envelope, "id");
        SystemEventData data = mapper.treeToValue(EventFields.object(envelope, "data"), SystemEventData.class);
        KnownSystem system = data == null ? null : data.toKnownSystem();
        if (system == null) {
            throw new PoisonMessageException("data lacks required system fields (key, name, kind, riskProfile)");
        }
        return new SystemEvent(id, system);
    }

    @WithTransaction
    Uni<Boolean> applyOnce(UUID id, KnownSystem system) {
        return processed.markNew(CHANNEL, id)
                .flatMap(isNew -> isNew ? systems.apply(system) : Uni.createFrom().item(false));
    }
}
