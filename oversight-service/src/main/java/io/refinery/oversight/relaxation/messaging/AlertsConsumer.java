package io.refinery.oversight.relaxation.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.relaxation.domain.Incidents;
import io.refinery.platform.events.AlertEvent;
import io.refinery.platform.events.AlertEvents;
import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.outbox.OutboxRelay;
import io.smallrye.mutiny.Uni;

/**
 * Reads metrics-service's alerts from refinery.metrics.alerts: a fired alert of a configured severity is an
 * incident for each action type of its system auto-approved shortly before (see {@link Incidents}). Idempotent:
 * every incident counts once by its source event. Other event types (resolved) are skipped; unreadable records go
 * to refinery.metrics.alerts.dlq; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class AlertsConsumer {

    static final String CHANNEL = "alerts";
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

    /** The fired alert a record carries (the shared contract, {@link AlertFired}), or null for other alert events. */
    Incidents.AlertFired read(byte[] value) {
        ReceivedEvent<AlertEvent> event = AlertEvents.read(mapper, value);
        if (event == null || !(event.data() instanceof AlertFired fired)) {
            return null;
        }
        return new Incidents.AlertFired(event.id().toString(), fired.systemKey(), fired.alertId().toString(),
                fired.metric(), fired.severity(), fired.firedAt());
    }
}
