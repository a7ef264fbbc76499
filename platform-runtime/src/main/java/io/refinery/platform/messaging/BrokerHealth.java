package io.refinery.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthGroup;

/**
 * Whether the Kafka broker answers, on its own: health group {@code broker} ({@code /q/health/group/broker}) and gauge
 * {@code refinery_kafka_broker_up}. Deliberately not part of readiness: HTTP ingestion and reads work without the
 * broker (the outbox keeps outgoing events until it returns, consumers resume where they stopped), so a broker
 * outage must not take every pod out of its Service. Checked every {@code refinery.broker.check-interval} with a
 * {@code describeCluster} bounded by {@code refinery.broker.check-timeout}; one log line when it goes and one when it
 * comes back.
 */
@ApplicationScoped
@Default
@HealthGroup("broker")
public class BrokerHealth implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(BrokerHealth.class);

    private final String bootstrapServers;
    private final Duration interval;
    private final Duration timeout;
    private final MeterRegistry registry;
    private volatile boolean up;
    private volatile boolean checked;
    private volatile Instant since = Instant.now();
    private volatile String lastError = "not checked yet";
    private ScheduledExecutorService clock;
    private Admin admin;

    public BrokerHealth(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "refinery.broker.check-interval", defaultValue = "5s") Duration interval,
            @ConfigProperty(name = "refinery.broker.check-timeout", defaultValue = "3s") Duration timeout,
            MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.interval = interval;
        this.timeout = timeout;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("refinery_kafka_broker_up", this, b -> b.up ? 1 : 0)
                .description("1 while the Kafka broker answers this service (checked every few seconds)").register(registry);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "refinery-broker-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()));
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "refinery-broker-health");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (clock != null) {
            clock.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private void check() {
        boolean answered;
        String error = null;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            answered = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            answered = false;
            error = ConsumerHealth.describe(e);
        }
        if (answered != up) {
            since = Instant.now();
            if (answered) {
                LOG.infof("Kafka broker at %s answers again", bootstrapServers);
            } else {
                LOG.warnf("Kafka broker at %s does not answer (%s); HTTP keeps serving, outgoing events wait in the outbox",
                        bootstrapServers, error);
            }
        }
        up = answered;
        lastError = error;
        checked = true;
    }

    /** True while the last check reached the broker (true before the first check, so nothing waits on it at start). */
    public boolean isUp() {
        return up || !checked;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-broker").status(up).withData("bootstrapServers", bootstrapServers)
                .withData("since", since.toString()).withData("lastError", lastError == null ? "" : lastError).build();
    }
}
