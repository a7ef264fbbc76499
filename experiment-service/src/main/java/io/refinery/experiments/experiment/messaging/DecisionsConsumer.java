package io.refinery.experiments.experiment.messaging;


import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.experiment.domain.LifecycleEvents;
import io.refinery.experiments.rollout.domain.RolloutDecisions;
import io.refinery.experiments.rollout.domain.RolloutEvents;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.platform.events.DecisionEvents;
import io.refinery.platform.events.DecisionMade;
import io.refinery.platform.events.DecisionOutcome;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * Reads oversight decisions ({@link DecisionMade}, through the shared contract's {@link DecisionEvents}) and records
 * those on this service's MODEL_ROLLOUT requests on the experiment, and those on ROLLOUT_PHASE requests on the
 * rollout waiting for them (an override, a phase gate, a resumption: APPROVE and MODIFY approve); other action types
 * are skipped. Idempotent on the event id; unreadable records go to refinery.oversight.decisions.dlq; a database
 * outage is retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";

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
    Uni<Boolean> applyOnce(ReceivedEvent<DecisionMade> event) {
        DecisionMade d = event.data();
        return processed.markNew(CHANNEL, event.id()).flatMap(isNew -> {
            if (!isNew) {
                return Uni.createFrom().item(false);
            }
            if (RolloutEvents.ROLLOUT_PHASE.equals(d.actionType())) {
                return rollouts.decided(d.requestId(), d.outcome() != DecisionOutcome.REJECT, d.decidedBy(),
                        d.rationale());
            }
            return decisions.record(d.requestId(), RolloutDecisions.Outcome.valueOf(d.outcome().name()), d.decidedBy(),
                    d.decidedAt());
        });
    }

    /** The decision, or null when it is about an action type this service does not own. */
    private ReceivedEvent<DecisionMade> read(byte[] value) {
        ReceivedEvent<DecisionMade> event = DecisionEvents.read(mapper, value);
        String actionType = event.data().actionType();
        return LifecycleEvents.MODEL_ROLLOUT.equals(actionType) || RolloutEvents.ROLLOUT_PHASE.equals(actionType)
                ? event : null;
    }
}
