package io.refinery.experiments.rollout.messaging;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.experiments.rollout.domain.RolloutSignals;
import io.refinery.platform.json.EventFields;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.PoisonMessageException;
import io.refinery.platform.messaging.ProcessedEvents;
import io.refinery.platform.outbox.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * What rollouts hear from the other services, each topic on a channel and consumer group of its own: alerts and drift
 * from metrics-service (kept as signals; a FIRING alert or a drift detection pauses the system's serving phases, once
 * per event), closed daily rollups (a phase's live metrics) and feedback insights (a phase's evidence). Unreadable
 * records go to the topic's DLQ; a database outage is retried until it ends ({@link ConsumerPolicy}).
 */
@ApplicationScoped
public class RolloutSignalsConsumer {

    static final String ALERTS = "rollout-alerts";
    static final String DRIFT = "rollout-drift";
    static final String ROLLUPS = "rollout-rollups";
    static final String INSIGHTS = "rollout-insights";
    private static final Logger LOG = Logger.getLogger(RolloutSignalsConsumer.class);

    private final ObjectMapper mapper;
    private final RolloutSignals signals;
    private final RolloutService rollouts;
    private final ProcessedEvents processed;
    private final ConsumerPolicy policy;

    public RolloutSignalsConsumer(ObjectMapper mapper, RolloutSignals signals, RolloutService rollouts,
            ProcessedEvents processed, ConsumerPolicy policy) {
        this.mapper = mapper;
        this.signals = signals;
        this.rollouts = rollouts;
        this.processed = processed;
        this.policy = policy;
    }

    @Incoming(ALERTS)
    public Uni<Void> alerts(ConsumerRecord<String, byte[]> record) {
        return handle(ALERTS, record, (e, data) -> {
            String alertId = data.path("alertId").asText();
            String metric = data.path("metric").asText("?");
            String severity = data.path("severity").asText("?");
            if (e.type().endsWith(".alert.resolved.v1")) {
                return signals.record(e.id(), e.system(), RolloutSignals.Kind.ALERT_RESOLVED, alertId,
                        "alert on " + metric + " resolved", e.at()).replaceWithVoid();
            }
            if (!e.type().endsWith(".alert.fired.v1")) {
                return Uni.createFrom().voidItem();
            }
            String summary = severity + " alert on " + metric;
            return signals.record(e.id(), e.system(), RolloutSignals.Kind.ALERT_FIRED, alertId, summary, e.at())
                    .flatMap(x -> pauseOnce(ALERTS, e, "FIRING " + summary));
        });
    }

    @Incoming(DRIFT)
    public Uni<Void> drift(ConsumerRecord<String, byte[]> record) {
        return handle(DRIFT, record, (e, data) -> {
            String summary = data.path("kind").asText("?").toLowerCase(Locale.ROOT) + " drift detected, recommended "
                    + data.path("recommendation").path("action").asText("?");
            return signals.record(e.id(), e.system(), RolloutSignals.Kind.DRIFT, data.path("kind").asText(""), summary, e.at())
                    .flatMap(x -> pauseOnce(DRIFT, e, summary));
        });
    }

    @Incoming(ROLLUPS)
    public Uni<Void> rollups(ConsumerRecord<String, byte[]> record) {
        return handle(ROLLUPS, record, (e, data) -> {
            if (!"P1D".equals(data.path("period").asText("P1D"))) {
                return Uni.createFrom().voidItem();
            }
            return signals.rollup(e.system(), data.path("metric").asText(), EventFields.instant(data, "data.start"),
                    data.path("value").asDouble(), data.path("count").asLong(), data.path("segments").toString());
        });
    }

    @Incoming(INSIGHTS)
    public Uni<Void> insights(ConsumerRecord<String, byte[]> record) {
        return handle(INSIGHTS, record, (e, data) -> {
            if (e.type().contains(".contradiction.")) {
                return signals.record(e.id(), e.system(), RolloutSignals.Kind.CONTRADICTION, data.path("kind").asText(""),
                        data.path("summary").asText("contradiction between metrics and feedback"), e.at()).replaceWithVoid();
            }
            if (e.type().contains(".theme.")) {
                return signals.record(e.id(), e.system(), RolloutSignals.Kind.THEME_SPIKE, data.path("theme").asText(""),
                        "theme spiked: " + data.path("theme").asText(""), e.at()).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    @WithTransaction
    Uni<Void> pauseOnce(String channel, Envelope e, String reason) {
        return processed.markNew(channel, UUID.fromString(e.id())).flatMap(isNew -> isNew
                ? rollouts.incident(e.system(), reason, e.source() + "/" + e.id()).invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d rollout(s) of %s paused: %s", n, e.system(), reason);
                    }
                }).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    /** The CloudEvent fields used here. */
    record Envelope(String id, String type, String system, String source, Instant at) {
    }

    private interface Handler {
        Uni<Void> apply(Envelope e, JsonNode data);
    }

    /** An event as the handlers read it. */
    private record Event(Envelope envelope, JsonNode data) {
    }

    private Uni<Void> handle(String channel, ConsumerRecord<String, byte[]> record, Handler handler) {
        return policy.handle(channel, record, this::read, e -> handler.apply(e.envelope(), e.data()));
    }

    private Event read(byte[] value) throws Exception {
        JsonNode node = EventFields.envelope(mapper, value);
        JsonNode data = EventFields.object(node, "data");
        Instant at = node.path("time").isMissingNode() ? Instant.now() : EventFields.instant(node, "time");
        Envelope envelope = new Envelope(EventFields.uuid(node, "id").toString(), node.path("type").asText(""),
                node.path("subject").asText(data.path("systemKey").asText("")),
                node.path("source").asText("").replaceFirst("^/", ""), at);
        if (envelope.system().isEmpty()) {
            throw new PoisonMessageException("the event names no AI system (subject or data.systemKey)");
        }
        return new Event(envelope, data);
    }
}
