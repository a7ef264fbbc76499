package io.refinery.metrics.review.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.alerting.domain.AlertDecisions;
import io.refinery.metrics.drift.domain.RemediationDecisions;
import io.refinery.metrics.alerting.domain.AlertEvents;
import io.refinery.metrics.drift.domain.DriftEvents;
import io.refinery.platform.events.DecisionEvents;
import io.refinery.platform.events.DecisionIntake;
import io.refinery.platform.events.DecisionMade;
import io.smallrye.mutiny.Uni;

/**
 * Applies oversight decisions ({@link DecisionMade}, through the shared {@link DecisionIntake}) on this service's
 * requests: ALERT_REVIEW acknowledges the alert ({@link AlertDecisions}), DRIFT_REMEDIATION
 * records the remediation chosen for the detection ({@link RemediationDecisions}); other action types are skipped.
 * Each decision is applied once; unreadable records go to refinery.oversight.decisions.dlq; a database outage is
 * retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";
    private static final Set<String> OWNED = Set.of(AlertEvents.ALERT_REVIEW, DriftEvents.DRIFT_REMEDIATION);

    private final ObjectMapper mapper;
    private final DecisionIntake intake;
    private final AlertDecisions alerts;
    private final RemediationDecisions remediations;

    public DecisionsConsumer(ObjectMapper mapper, DecisionIntake intake, AlertDecisions alerts,
            RemediationDecisions remediations) {
        this.mapper = mapper;
        this.intake = intake;
        this.alerts = alerts;
        this.remediations = remediations;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return intake.consume(CHANNEL, record, OWNED, this::apply);
    }

    private Uni<?> apply(DecisionMade d) {
        if (AlertEvents.ALERT_REVIEW.equals(d.actionType())) {
            return alerts.record(d.requestId(), AlertDecisions.Outcome.valueOf(d.outcome().name()), d.decidedBy(),
                    d.decidedAt());
        }
        return remediations.record(new RemediationDecisions.Decision(d.requestId(), d.outcome().name(), d.decidedBy(),
                d.decidedAt(), d.rationale(), DecisionEvents.modifiedAction(mapper, d)));
    }
}
