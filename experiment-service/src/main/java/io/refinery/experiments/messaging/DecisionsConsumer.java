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
import io.refinery.experiments.domain.RolloutService;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight decisions (io.refinery.oversight.decision.made.v1) and records those on this service's
 * MODEL_ROLLOUT requests on the experiment, and those on ROLLOUT_PHASE requests on the rollout waiting for them (an
 * override, a phase gate, a resumption: APPROVE and MODIFY approve); other action types are skipped. Idempotent on the event id;
 * unreadable records go to refinery.oversight.decisions.dlq.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";
    private static final Logger LOG = Logger.getLogger(DecisionsConsumer.class);

    record Decision(UUID eventId, UUID requestId, String actionType, RolloutDecisions.Outcome outcome, String decidedBy,
            Instant decidedAt, String rationale) {
    }

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final RolloutDecisions decisions;
    private final RolloutService rollouts;

    public DecisionsConsumer(ObjectMapper mapper, ProcessedEvents processed, RolloutDecisions decisions,
            RolloutService rollouts) {
        this.mapper = mapper;
        this.processed = processed;
        this.decisions = decisions;
        this.rollouts = rollouts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final Decision decision;
        try {
            decision = read(payload);
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable decision event: " + e.getMessage(), e));
        }
        if (!ours(decision.actionType())) {
            return Uni.createFrom().voidItem();
        }
        return applyOnce(decision)
                .onFailure().invoke(e -> LOG.warnf("applying decision %s failed, retrying: %s", decision.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                .replaceWithVoid();
    }

    @WithTransaction
    Uni<Boolean> applyOnce(Decision d) {
        return processed.markNew(CHANNEL, d.eventId()).flatMap(isNew -> {
            if (!isNew) {
                return Uni.createFrom().item(false);
            }
            if (RolloutEvents.ROLLOUT_PHASE.equals(d.actionType())) {
                return rollouts.decided(d.requestId(), d.outcome() != RolloutDecisions.Outcome.REJECT, d.decidedBy(),
                        d.rationale());
            }
            return decisions.record(d.requestId(), d.outcome(), d.decidedBy(), d.decidedAt());
        });
    }

    private static boolean ours(String actionType) {
        return LifecycleEvents.MODEL_ROLLOUT.equals(actionType) || RolloutEvents.ROLLOUT_PHASE.equals(actionType);
    }

    private Decision read(String payload) throws Exception {
        JsonNode envelope = mapper.readTree(payload);
        JsonNode data = envelope.path("data");
        UUID eventId = UUID.fromString(envelope.path("id").asText());
        String actionType = data.path("actionType").asText(null);
        if (!ours(actionType)) {
            return new Decision(eventId, null, actionType, null, null, null, null);
        }
        String decidedAt = data.path("decidedAt").asText(null);
        return new Decision(eventId, UUID.fromString(data.path("requestId").asText()), actionType,
                RolloutDecisions.Outcome.valueOf(data.path("outcome").asText()), data.path("decidedBy").asText("unknown"),
                decidedAt == null ? Instant.now() : Instant.parse(decidedAt), data.path("rationale").asText(null));
    }
}
