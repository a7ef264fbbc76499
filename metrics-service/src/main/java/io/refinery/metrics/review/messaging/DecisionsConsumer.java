package io.refinery.metrics.review.messaging;


import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.metrics.alerting.domain.AlertDecisions;
import io.refinery.metrics.drift.domain.RemediationDecisions;
import io.refinery.platform.events.DecisionEvents;
import io.refinery.platform.events.DecisionMade;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.messaging.ProcessedEvents;
import io.refinery.metrics.alerting.domain.AlertEvents;
import io.refinery.metrics.drift.domain.DriftEvents;

/**
 * Reads oversight decisions ({@link DecisionMade}, through the shared contract's {@link DecisionEvents}) and applies
 * those on this service's requests: ALERT_REVIEW acknowledges the alert ({@link AlertDecisions}), DRIFT_REMEDIATION
 * records the remediation chosen for the detection ({@link RemediationDecisions}); other action types are skipped.
 * Idempotent on the event id; unreadable records go to refinery.oversight.decisions.dlq; a database outage is
 * retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final AlertDecisions alerts;
    private final RemediationDecisions remediations;
    private final ConsumerPolicy policy;

    public DecisionsConsumer(ObjectMapper mapper, ProcessedEvents processed, AlertDecisions alerts,
            RemediationDecisions remediations, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.processed = processed;
        this.alerts = alerts;
        this.remediations = remediations;
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
            if (AlertEvents.ALERT_REVIEW.equals(d.actionType())) {
                return alerts.record(d.requestId(), AlertDecisions.Outcome.valueOf(d.outcome().name()), d.decidedBy(),
                        d.decidedAt());
            }
            return remediations.record(new RemediationDecisions.Decision(d.requestId(), d.outcome().name(), d.decidedBy(),
                    d.decidedAt(), d.rationale(), DecisionEvents.modifiedAction(mapper, d)));
        });
    }

    /** The decision, or null when it is about an action type this service does not own. */
    private ReceivedEvent<DecisionMade> read(byte[] value) {
        ReceivedEvent<DecisionMade> event = DecisionEvents.read(mapper, value);
        String actionType = event.data().actionType();
        return AlertEvents.ALERT_REVIEW.equals(actionType) || DriftEvents.DRIFT_REMEDIATION.equals(actionType)
                ? event : null;
    }
}
