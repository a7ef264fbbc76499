package io.refinery.experiments.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.domain.RolloutDecisions;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight decisions (io.refinery.oversight.decision.made.v1) and records those on this service's
 * MODEL_ROLLOUT requests on the experiment; other action types are skipped. Idempotent on the event id;
 * unreadable records go to refinery.oversight.decisions.dlq.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";
    private static final Logger LOG = Logger.getLogger(DecisionsConsumer.class);

    record Decision(UUID eventId, UUID requestId, String actionType, RolloutDecisions.Outcome outcome, String decidedBy,
            Instant decidedAt) {
    }

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final RolloutDecisions decisions;

    public DecisionsConsumer(ObjectMapper mapper, ProcessedEvents processed, RolloutDecisions decisions) {
        this.mapper = mapper;
        this.processed = processed;
        this.decisions = decisions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final Decision decision;
        try {
            decision = read(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable decision event: " + e.getMessage(), e));
        }
        if (!LifecycleEvents.MODEL_ROLLOUT.equals(decision.actionType())) {
            return Uni.createFrom().voidItem();
        }
        return applyOnce(decision)
                .onFailure().invoke(e -> LOG.warnf("applying decision %s failed, retrying: %s", decision.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Boolean> applyOnce(Decision d) {
        return processed.markNew(CHANNEL, d.eventId()).flatMap(isNew -> isNew
                ? decisions.record(d.requestId(), d.outcome(), d.decidedBy(), d.decidedAt())
                : Uni.createFrom().item(false));
    }

    private Decision read(String payload) throws Exception {
        JsonNode envelope = mapper.readTree(payload);
        JsonNode data = envelope.path("data");
        UUID eventId = UUID.fromString(envelope.path("id").asText());
        String actionType = data.path("actionType").asText(null);
        if (!LifecycleEvents.MODEL_ROLLOUT.equals(actionType)) {
            return new Decision(eventId, null, actionType, null, null, null);
        }
        String decidedAt = data.path("decidedAt").asText(null);
        return new Decision(eventId, UUID.fromString(data.path("requestId").asText()), actionType,
                RolloutDecisions.Outcome.valueOf(data.path("outcome").asText()), data.path("decidedBy").asText("unknown"),
                decidedAt == null ? Instant.now() : Instant.parse(decidedAt));
    }
}
