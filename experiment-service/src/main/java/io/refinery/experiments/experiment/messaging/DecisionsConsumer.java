package io.refinery.experiments.experiment.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.refinery.experiments.experiment.domain.LifecycleEvents;
import io.refinery.experiments.rollout.domain.RolloutDecisions;
import io.refinery.experiments.rollout.domain.RolloutEvents;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.platform.events.DecisionIntake;
import io.refinery.platform.events.DecisionMade;
import io.refinery.platform.events.DecisionOutcome;
import io.smallrye.mutiny.Uni;

/**
 * Applies oversight decisions ({@link DecisionMade}, through the shared {@link DecisionIntake}): records
 * those on this service's MODEL_ROLLOUT requests on the experiment, and those on ROLLOUT_PHASE requests on the
 * rollout waiting for them (an override, a phase gate, a resumption: APPROVE and MODIFY approve); other action types
 * are skipped. Each decision is applied once; unreadable records go to refinery.oversight.decisions.dlq; a database
 * outage is retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";
    private static final Set<String> OWNED = Set.of(LifecycleEvents.MODEL_ROLLOUT, RolloutEvents.ROLLOUT_PHASE);

    private final DecisionIntake intake;
    private final RolloutDecisions decisions;
    private final RolloutService rollouts;

    public DecisionsConsumer(DecisionIntake intake, RolloutDecisions decisions, RolloutService rollouts) {
        this.intake = intake;
        this.decisions = decisions;
        this.rollouts = rollouts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return intake.consume(CHANNEL, record, OWNED, this::apply);
    }

    private Uni<?> apply(DecisionMade d) {
        if (RolloutEvents.ROLLOUT_PHASE.equals(d.actionType())) {
            return rollouts.decided(d.requestId(), d.outcome() != DecisionOutcome.REJECT, d.decidedBy(), d.rationale());
        }
        return decisions.record(d.requestId(), RolloutDecisions.Outcome.valueOf(d.outcome().name()), d.decidedBy(),
                d.decidedAt());
    }
}
