package io.refinery.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What each consumer is retrying, and since when. Readiness check {@code kafka-consumers} is DOWN while a consumer
 * has been retrying a transient failure (its partition held, nothing skipped) for longer than
 * {@code refinery.consumers.not-ready-after}, and says which consumer, since when and why. Gauge
 * {@code refinery_consumer_retrying{channel}} is 1 while that channel retries. One log line when a channel starts
 * failing and one when it recovers, never one per attempt.
 */
@ApplicationScoped
@Default
@Readiness
public class ConsumerHealth implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ConsumerHealth.class);

    /** A channel's current run of failures. */
    record Retrying(Instant since, int attempts, FailureKind kind, String lastError) {
    }

    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final Duration notReadyAfter;

    public ConsumerHealth(MeterRegistry registry,
            @ConfigProperty(name = "refinery.consumers.not-ready-after", defaultValue = "10s") Duration notReadyAfter) {
        this.registry = registry;
        this.notReadyAfter = notReadyAfter;
    }

    void failed(String channel, Throwable failure, FailureKind kind) {
        gauges.computeIfAbsent(channel, c -> {
            Gauge.builder("refinery_consumer_retrying", retrying, m -> m.containsKey(c) ? 1 : 0)
                    .description("1 while the channel's consumer retries a failed record (its partition held)")
                    .tag("channel", c).register(registry);
            return Boolean.TRUE;
        });
        String error = describe(failure);
        Retrying before = retrying.get(channel);
        if (before == null) {
            LOG.warnf("consumer %s: %s failure, retrying until it succeeds: %s", channel, kind, error);
            retrying.put(channel, new Retrying(Instant.now(), 1, kind, error));
        } else {
            retrying.put(channel, new Retrying(before.since(), before.attempts() + 1, kind, error));
        }
    }

    void succeeded(String channel) {
        Retrying was = retrying.remove(channel);
        if (was != null) {
            LOG.infof("consumer %s recovered after %d ms and %d failed attempt(s)", channel,
                    Duration.between(was.since(), Instant.now()).toMillis(), was.attempts());
        }
    }

    /** Ends a run of failures that ended in the dead-letter queue rather than in success. */
    void gaveUp(String channel) {
        retrying.remove(channel);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumers").up();
        Instant now = Instant.now();
        retrying.forEach((channel, r) -> {
            long ms = Duration.between(r.since(), now).toMillis();
            response.withData(channel, "retrying " + r.kind() + " failure for " + ms + " ms (" + r.attempts()
                    + " attempts): " + r.lastError());
            if (r.kind() == FailureKind.TRANSIENT && ms > notReadyAfter.toMillis()) {
                response.down();
            }
        });
        return response.build();
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? top : top + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
