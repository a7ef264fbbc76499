package io.refinery.feedback.messaging;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.feedback.domain.Contradictions;
import io.smallrye.mutiny.Uni;

/**
 * Reads metrics-service's closed periods from refinery.metrics.rollups and hands each to {@link Contradictions}
 * once: the processed-event ledger, the stored rollup, a contradiction and its outgoing events all commit in one
 * transaction, and the offset is committed after it. Other event types on the topic are skipped; unreadable
 * records go to refinery.metrics.rollups.dlq; a database hiccup is retried.
 */
@ApplicationScoped
public class RollupsConsumer {

    static final String CHANNEL = "rollups";
    private static final Logger LOG = Logger.getLogger(RollupsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final Contradictions contradictions;

    public RollupsConsumer(ObjectMapper mapper, ProcessedEvents processed, Contradictions contradictions) {
        this.mapper = mapper;
        this.processed = processed;
        this.contradictions = contradictions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final UUID id;
        final RollupEventData rollup;
        try {
            JsonNode envelope = mapper.readTree(payload);
            if (!RollupEventData.CLOSED.equals(envelope.path("type").asText())) {
                return Uni.createFrom().voidItem();
            }
            id = UUID.fromString(envelope.path("id").asText());
            rollup = mapper.treeToValue(envelope.path("data"), RollupEventData.class);
            String problem = rollup == null ? "data" : rollup.problem();
            if (problem != null) {
                throw new IllegalArgumentException("rollup lacks a valid " + problem);
            }
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable rollup event: " + e.getMessage(), e));
        }
        return applyOnce(id, rollup)
                .onFailure().invoke(e -> LOG.warnf("applying rollup event %s failed, retrying: %s", id, e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<UUID> applyOnce(UUID id, RollupEventData rollup) {
        return processed.markNew(CHANNEL, id)
                .flatMap(isNew -> isNew ? contradictions.onRollup(rollup) : Uni.createFrom().<UUID> nullItem());
    }
}
