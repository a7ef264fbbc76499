package io.refinery.metrics.rollup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Prometheus gauges read from PostgreSQL on every replica, so all replicas report the same values:
 * {@code refinery_ai_metric_value{system,metric}} (the last closed day, all segments) and
 * {@code refinery_alerts{system,severity,state}} (open alerts).
 */
@ApplicationScoped
public class DomainGauges {

    private static final String LAST_DAY = "select system_key, metric, count, sum, min, max, ratio_count, numerator_sum,"
            + " denominator_sum from metrics.rollups where step = 'P1D' and segment = '' and bucket = $1";
    private static final String OPEN_ALERTS = "select system_key, severity, state, count(*) as n from metrics.alerts"
            + " where state in ('PENDING', 'FIRING', 'ACKNOWLEDGED') group by system_key, severity, state";

    private final Pool pool;
    private final MultiGauge metricValues;
    private final MultiGauge alerts;

    public DomainGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.metricValues = MultiGauge.builder("refinery_ai_metric_value")
                .description("Value of an AI metric over the last closed day (all segments)").register(registry);
        this.alerts = MultiGauge.builder("refinery_alerts").description("Open alerts by system, severity and state")
                .register(registry);
    }

    @Scheduled(every = "${refinery.gauges.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        Instant lastDay = Step.P1D.periodStart(Instant.now()).minus(Duration.ofDays(1));
        Uni<Void> values = pool.preparedQuery(LAST_DAY).execute(Tuple.of(lastDay.atOffset(ZoneOffset.UTC))).invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                RollupPoint p = RollupPoint.of(lastDay, r.getLong("count"), r.getDouble("sum"), r.getDouble("min"),
                        r.getDouble("max"), r.getLong("ratio_count"), r.getDouble("numerator_sum"), r.getDouble("denominator_sum"));
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "metric", r.getString("metric")),
                        p.value()));
            }
            metricValues.register(gaugeRows, true);
        }).replaceWithVoid();
        Uni<Void> open = pool.query(OPEN_ALERTS).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "severity",
                        r.getString("severity"), "state", r.getString("state")), r.getLong("n")));
            }
            alerts.register(gaugeRows, true);
        }).replaceWithVoid();
        return Uni.join().all(values, open).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
