package io.refinery.oversight.messaging;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.domain.Incidents;
import io.smallrye.mutiny.Uni;

/**
 * Reads metrics-service's alerts from refinery.metrics.alerts: a fired alert of a configured severity is an
 * incident for each action type of its system auto-approved shortly before (see {@link Incidents}). Idempotent:
 * every incident counts once by its source event. Other event types (resolved) are skipped; unreadable records go
 * to refinery.metrics.alerts.dlq.
 */
@ApplicationScoped
public class AlertsConsumer {

    static final String CHANNEL = "alerts";
    static final String FIRED = "io.refinery.metrics.alert.fired.v1";
    private static final Logger LOG = Logger.getLogger(AlertsConsumer.class);

    private final ObjectMapper mapper;
    private final Incidents incidents;
    private final OutboxRelay relay;

    public AlertsConsumer(ObjectMapper mapper, Incidents incidents, OutboxRelay relay) {
        this.mapper = mapper;
        this.incidents = incidents;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        final Incidents.AlertFired alert;
        try {
            JsonNode envelope = mapper.readTree(payload);
            if (!FIRED.equals(envelope.path("type").asText())) {
                return Uni.createFrom().voidItem();
            }
            alert = read(envelope);
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable alert event: " + e.getMessage(), e));
        }
        return incidents.alertFired(alert)
                .onFailure().invoke(e -> LOG.warnf("recording alert %s failed, retrying: %s", alert.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8)
                .invoke(list -> {
                    if (!list.isEmpty()) {
                        LOG.infof("alert %s on %s: %d incident(s), tier(s) tightened", alert.alertId(), alert.systemKey(), list.size());
                        relay.nudge();
                    }
                })
                .replaceWithVoid();
    }

    static Incidents.AlertFired read(JsonNode envelope) {
        String eventId = text(envelope, "id");
        JsonNode data = envelope.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be an object");
        }
        String systemKey = text(data, "systemKey");
        String firedAt = text(data, "firedAt");
        return new Incidents.AlertFired(eventId, systemKey, text(data, "alertId"), data.path("metric").asText(null),
                data.path("severity").asText(null), Instant.parse(firedAt));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v.asText();
    }
}
