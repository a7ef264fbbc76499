package io.refinery.experiments.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.domain.SystemProjections;
import io.refinery.experiments.domain.SystemSnapshot;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the system projection fresh from refinery.systems. Each event is applied once (processed-event ledger,
 * same transaction); a record that cannot be read goes to refinery.systems.dlq; a database hiccup is retried.
 * The offset is committed only after the transaction did (the message is acked when the returned Uni completes).
 */
@ApplicationScoped
public class SystemEventsConsumer {

    static final String CHANNEL = "systems";
    private static final Logger LOG = Logger.getLogger(SystemEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final SystemProjections projections;

    public SystemEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, SystemProjections projections) {
        this.mapper = mapper;
        this.processed = processed;
        this.projections = projections;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final UUID id;
        final SystemSnapshot snapshot;
        try {
            JsonNode envelope = mapper.readTree(payload);
            id = UUID.fromString(envelope.path("id").asText());
            SystemEventData data = mapper.treeToValue(envelope.path("data"), SystemEventData.class);
            snapshot = data == null ? null : data.toSnapshot();
            if (snapshot == null) {
                throw new IllegalArgumentException("data lacks required system fields");
            }
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable system event: " + e.getMessage(), e));
        }
        return applyOnce(id, snapshot)
                .onFailure().invoke(e -> LOG.warnf("applying system event %s failed, retrying: %s", id, e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Boolean> applyOnce(UUID id, SystemSnapshot snapshot) {
        return processed.markNew(CHANNEL, id)
                .flatMap(isNew -> isNew ? projections.apply(snapshot) : Uni.createFrom().item(false));
    }
}
