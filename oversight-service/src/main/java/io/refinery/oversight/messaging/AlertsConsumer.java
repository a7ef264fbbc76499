package io.refinery.oversight.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.domain.Incidents;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.outbox.OutboxRelay;

/**
 * Reads metrics-service's alerts from refinery.metrics.alerts: a fired alert of a configured severity is an
 * incident for each action type of its system auto-approved shortly before (see {@link Incidents}). Idempotent:
 * every incident counts once by its source event. Other event types (resolved) are skipped; unreadable records go
 * to refinery.metrics.alerts.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class AlertsConsumer {

    static final String CHANNEL = "alerts";
    static final String FIRED = "io.refinery.metrics.alert.fired.v1";
    private static final Logger LOG = Logger.getLogger(AlertsConsumer.class);

    private final ObjectMapper mapper;
    private final Incidents incidents;
    private final OutboxRelay relay;
    private final ConsumerPolicy policy;

    public AlertsConsumer(ObjectMapper mapper, Incidents incidents, OutboxRelay relay, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.incidents = incidents;
        this.relay = relay;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handle(CHANNEL, record, this::read, alert -> incidents.alertFired(alert).invoke(list -> {
            if (!list.isEmpty()) {
                LOG.infof("alert %s on %s: %d incident(s), tier(s) tightened", alert.alertId(), alert.systemKey(), list.size());
                relay.nudge();
            }
        }));
    }

    /** The fired alert a record carries, or null for other alert events (resolved). */
    Incidents.AlertFired read(byte[] value) throws Exception {
        JsonNode envelope = EventFields.envelope(mapper, value);
        return FIRED.equals(envelope.path("type").asText()) ? read(envelope) : null;
    }

    static Incidents.AlertFired read(JsonNode envelope) {
        String eventId = EventFields.text(envelope, "id");
        JsonNode data = EventFields.object(envelope, "data");
        return new Incidents.AlertFired(eventId, EventFields.text(data, "data.systemKey"), EventFields.text(data, "data.alertId"),
                data.path("metric").asText(null), data.path("severity").asText(null), EventFields.instant(data, "data.firedAt"));
    }
}
