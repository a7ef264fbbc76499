package io.refinery.experiments.experiment.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.experiment.domain.LifecycleEvents;
import io.refinery.experiments.rollout.domain.RolloutDecisions;
import io.refinery.experiments.rollout.domain.RolloutEvents;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight decisions (io.refinery.oversight.decision.made.v1) and records those on this service's
 * MODEL_ROLLOUT requests on the experiment, and those on ROLLOUT_PHASE requests on the rollout waiting for them (an
 * override, a phase gate, a resumption: APPROVE and MODIFY approve); other action types are skipped. Idempotent on the event id;
 * unreadable records go to refinery.oversight.decisions.dlq; a database outage is retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";

    record Decision(UUID eventId, UUID requestId, String actionType, RolloutDecisions.Outcome outcome, String decidedBy,
            Instant decidedAt, String rationale) {
    }

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final RolloutDecisions decisions;
    private final RolloutService rollouts;
    private final ConsumerPolicy policy;

    public DecisionsConsumer(ObjectMapper mapper, ProcessedEvents processed, RolloutDecisions decisions,
            RolloutService rollouts, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.decisions = decisions;
        this.rollouts = rollouts;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, this::applyOnce);
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

    /** The decision, or null when it is about an action type this service does not own. */
    private Decision read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        JsonNode data = EventFields.object(envelope, "data");
        UUID eventId = EventFields.uuid(envelope, "id");
        String actionType = data.path("actionType").asText(null);
        if (!ours(actionType)) {
            return null;
        }
        Instant decidedAt = data.path("decidedAt").isMissingNode() ? Instant.now() : EventFields.instant(data, "data.decidedAt");
        return new Decision(eventId, EventFields.uuid(data, "data.requestId"), actionType,
                EventFields.enumValue(data, "data.outcome", RolloutDecisions.Outcome.class),
                data.path("decidedBy").asText("unknown"), decidedAt,
                data.path("rationale").asText(null));
    }
}
