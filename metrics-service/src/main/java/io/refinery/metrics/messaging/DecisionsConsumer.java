package io.refinery.metrics.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.metrics.domain.AlertDecisions;
import io.refinery.metrics.domain.RemediationDecisions;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.messaging.ProcessedEvents;

/**
 * Reads oversight decisions (io.refinery.oversight.decision.made.v1) and applies those on this service's requests:
 * ALERT_REVIEW acknowledges the alert ({@link AlertDecisions}), DRIFT_REMEDIATION records the remediation chosen for
 * the detection ({@link RemediationDecisions}); other action types are skipped. Idempotent on the event id;
 * unreadable records go to refinery.oversight.decisions.dlq; a database outage is retried until it ends.
 */
@ApplicationScoped
public class DecisionsConsumer {

    static final String CHANNEL = "decisions";

    /** The decision fields this service uses; {@code modifiedAction} is the MODIFY's {@code action}, if any. */
    record Decision(UUID eventId, UUID requestId, String actionType, AlertDecisions.Outcome outcome, String decidedBy,
            Instant decidedAt, String rationale, String modifiedAction) {
    }

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
    Uni<Boolean> applyOnce(Decision d) {
        return processed.markNew(CHANNEL, d.eventId()).flatMap(isNew -> {
            if (!isNew) {
                return Uni.createFrom().item(false);
            }
            if (AlertEvents.ALERT_REVIEW.equals(d.actionType())) {
                return alerts.record(d.requestId(), d.outcome(), d.decidedBy(), d.decidedAt());
            }
            return remediations.record(new RemediationDecisions.Decision(d.requestId(), d.outcome().name(), d.decidedBy(),
                    d.decidedAt(), d.rationale(), d.modifiedAction()));
        });
    }

    /** The decision, or null when it is about an action type this service does not own. */
    private Decision read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        JsonNode data = EventFields.object(envelope, "data");
        UUID eventId = EventFields.uuid(envelope, "id");
        String actionType = data.path("actionType").asText(null);
        if (!AlertEvents.ALERT_REVIEW.equals(actionType) && !DriftEvents.DRIFT_REMEDIATION.equals(actionType)) {
            return null;
        }
        Instant decidedAt = data.path("decidedAt").isMissingNode() ? Instant.now() : EventFields.instant(data, "data.decidedAt");
        return new Decision(eventId, EventFields.uuid(data, "data.requestId"), actionType,
                EventFields.enumValue(data, "data.outcome", AlertDecisions.Outcome.class),
                data.path("decidedBy").asText("unknown"), decidedAt,
                data.path("rationale").asText(null), modifiedAction(data.path("modifications")));
    }


    /**
     * The {@code action} of a MODIFY's modifications, which the event carries as a JSON string (or an object); null when
     * they name none, or are free text.
     */
    private String modifiedAction(JsonNode modifications) {
        if (modifications.isMissingNode() || modifications.isNull()) {
            return null;
        }
        JsonNode object = modifications;
        if (modifications.isTextual()) {
            try {
                object = mapper.readTree(modifications.asText());
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        JsonNode action = object == null ? null : object.path("action");
        return action == null || !action.isTextual() ? null : action.asText();
    }
}
