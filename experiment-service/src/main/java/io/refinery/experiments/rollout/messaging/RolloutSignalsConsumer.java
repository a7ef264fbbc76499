package io.refinery.experiments.rollout.messaging;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.experiments.rollout.domain.RolloutService;
import io.refinery.experiments.rollout.domain.RolloutSignals;
import io.refinery.platform.events.AlertEvent;
import io.refinery.platform.events.AlertEvents;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.DriftEvents;
import io.refinery.platform.events.InsightEvent;
import io.refinery.platform.events.InsightEvents;
import io.refinery.platform.events.ReceivedEvent;
import io.refinery.platform.events.RollupClosed;
import io.refinery.platform.events.RollupEvents;
import io.refinery.platform.messaging.ConsumerPolicy;
import io.refinery.platform.messaging.ProcessedEvents;
import io.smallrye.mutiny.Uni;

/**
 * What rollouts hear from the other services, each topic on a channel and consumer group of its own: alerts and drift
 * from metrics-service (kept as signals; a FIRING alert or a drift detection pauses the system's serving phases, once
 * per event), closed daily rollups (a phase's live metrics) and feedback insights (a phase's evidence). Unreadable
 * records go to the topic's DLQ; each topic is read through its shared contract ({@code io.refinery.platform.events});
 * a database outage is retried until it ends ({@link ConsumerPolicy}).
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
        return policy.handle(ALERTS, record, v -> AlertEvents.read(mapper, v), e -> {
            AlertEvent alert = e.data();
            if (alert instanceof AlertResolved) {
                return signals.record(e.id().toString(), alert.systemKey(), RolloutSignals.Kind.ALERT_RESOLVED,
                        alert.alertId().toString(), "alert on " + alert.metric() + " resolved", e.timeOr(Instant.now()))
                        .replaceWithVoid();
            }
            String summary = alert.severity() + " alert on " + alert.metric();
            return signals.record(e.id().toString(), alert.systemKey(), RolloutSignals.Kind.ALERT_FIRED,
                    alert.alertId().toString(), summary, e.timeOr(Instant.now()))
                    .flatMap(x -> pauseOnce(ALERTS, e, alert.systemKey(), "FIRING " + summary));
        });
    }

    @Incoming(DRIFT)
    public Uni<Void> drift(ConsumerRecord<String, byte[]> record) {
        return policy.handle(DRIFT, record, v -> DriftEvents.read(mapper, v), e -> {
            DriftDetected drift = e.data();
            String summary = drift.kind().toLowerCase(Locale.ROOT) + " drift detected, recommended "
                    + drift.recommendation().action();
            return signals.record(e.id().toString(), drift.systemKey(), RolloutSignals.Kind.DRIFT, drift.kind(), summary,
                    e.timeOr(Instant.now())).flatMap(x -> pauseOnce(DRIFT, e, drift.systemKey(), summary));
        });
    }

    @Incoming(ROLLUPS)
    public Uni<Void> rollups(ConsumerRecord<String, byte[]> record) {
        return policy.handle(ROLLUPS, record, v -> RollupEvents.read(mapper, v), e -> {
            RollupClosed rollup = e.data();
            if (!"P1D".equals(rollup.period())) {
                return Uni.createFrom().voidItem();
            }
            return signals.rollup(rollup.systemKey(), rollup.metric(), rollup.start(), rollup.value(), rollup.count(),
                    segments(rollup));
        });
    }

    @Incoming(INSIGHTS)
    public Uni<Void> insights(ConsumerRecord<String, byte[]> record) {
        return policy.handle(INSIGHTS, record, v -> InsightEvents.read(mapper, v), e -> {
            Instant at = e.timeOr(Instant.now());
            if (e.data() instanceof InsightEvent.ContradictionDetected c) {
                return signals.record(e.id().toString(), c.systemKey(), RolloutSignals.Kind.CONTRADICTION, c.kind(),
                        c.summary() != null ? c.summary() : "contradiction between metrics and feedback", at)
                        .replaceWithVoid();
            }
            InsightEvent.ThemeSpiked spike = (InsightEvent.ThemeSpiked) e.data();
            return signals.record(e.id().toString(), spike.systemKey(), RolloutSignals.Kind.THEME_SPIKE, spike.theme(),
                    "theme spiked: " + spike.theme(), at).replaceWithVoid();
        });
    }

    @WithTransaction
    Uni<Void> pauseOnce(String channel, ReceivedEvent<?> e, String systemKey, String reason) {
        return processed.markNew(channel, e.id()).flatMap(isNew -> isNew
                ? rollouts.incident(systemKey, reason, e.source() + "/" + e.id()).invoke(n -> {
                    if (n > 0) {
                        LOG.infof("%d rollout(s) of %s paused: %s", n, systemKey, reason);
                    }
                }).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    private String segments(RollupClosed rollup) {
        try {
            return mapper.writeValueAsString(rollup.segments());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("segments of a rollup read from JSON must write back as JSON", e);
        }
    }
}
