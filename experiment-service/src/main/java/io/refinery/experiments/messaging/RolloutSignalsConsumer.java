package io.refinery.experiments.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.domain.RolloutService;
import io.refinery.experiments.domain.RolloutSignals;
import io.smallrye.mutiny.Uni;

/**
 * What rollouts hear from the other services, each topic on a channel and consumer group of its own: alerts and drift
 * from metrics-service (kept as signals; a FIRING alert or a drift detection pauses the system's serving phases, once
 * per event), closed daily rollups (a phase's live metrics) and feedback insights (a phase's evidence). Unreadable
 * records go to the channel's DLQ.
 */
@ApplicationScoped
public class RolloutSignalsConsumer {

    static final String ALERTS = "rollout-alerts";
    static final String DRIFT = "rollout-drift";
    private static final Logger LOG = Logger.getLogger(RolloutSignalsConsumer.class);

    private final ObjectMapper mapper;
    private final RolloutSignals signals;
    private final RolloutService rollouts;
    private final ProcessedEvents processed;

    public RolloutSignalsConsumer(ObjectMapper mapper, RolloutSignals signals, RolloutService rollouts,
            ProcessedEvents processed) {
        this.mapper = mapper;
        this.signals = signals;
        this.rollouts = rollouts;
        this.processed = processed;
    }

    @Incoming(ALERTS)
    public Uni<Void> alerts(String payload) {
        return handle(payload, (e, data) -> {
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
    public Uni<Void> drift(String payload) {
        return handle(payload, (e, data) -> {
            String summary = data.path("kind").asText("?").toLowerCase(Locale.ROOT) + " drift detected, recommended "
                    + data.path("recommendation").path("action").asText("?");
            return signals.record(e.id(), e.system(), RolloutSignals.Kind.DRIFT, data.path("kind").asText(""), summary, e.at())
                    .flatMap(x -> pauseOnce(DRIFT, e, summary));
        });
    }

    @Incoming("rollout-rollups")
    public Uni<Void> rollups(String payload) {
        return handle(payload, (e, data) -> {
            if (!"P1D".equals(data.path("period").asText("P1D"))) {
                return Uni.createFrom().voidItem();
            }
            return signals.rollup(e.system(), data.path("metric").asText(), Instant.parse(data.path("start").asText()),
                    data.path("value").asDouble(), data.path("count").asLong(), data.path("segments").toString());
        });
    }

    @Incoming("rollout-insights")
    public Uni<Void> insights(String payload) {
        return handle(payload, (e, data) -> {
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

    private Uni<Void> handle(String payload, Handler handler) {
        final Envelope envelope;
        final JsonNode data;
        try {
            JsonNode node = mapper.readTree(payload);
            data = node.path("data");
            String time = node.path("time").asText(null);
            envelope = new Envelope(UUID.fromString(node.path("id").asText()).toString(), node.path("type").asText(""),
                    node.path("subject").asText(data.path("systemKey").asText("")),
                    node.path("source").asText("").replaceFirst("^/", ""), time == null ? Instant.now() : Instant.parse(time));
            if (envelope.system().isEmpty() || !data.isObject()) {
                throw new IllegalArgumentException("the event names no AI system or has no data");
            }
        } catch (Exception e) {
            return Uni.createFrom().failure(new PoisonMessageException("unreadable event for rollouts: " + e.getMessage(), e));
        }
        return Uni.createFrom().deferred(() -> handler.apply(envelope, data))
                .onFailure().invoke(e -> LOG.warnf("handling %s for rollouts failed, retrying: %s", envelope.id(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(8);
    }
}
