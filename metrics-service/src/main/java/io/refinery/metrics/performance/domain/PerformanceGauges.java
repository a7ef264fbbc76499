package io.refinery.metrics.performance.domain;

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

/**
 * Performance-estimation gauges read from PostgreSQL on every replica, so all replicas report the same values:
 * <ul>
 *   <li>{@code refinery_performance{system,metric,source}}: the latest day's value of each estimated metric, with
 *       {@code source} ESTIMATED (labels not in yet) or REALIZED, so a Grafana panel shows a drop before the labels.</li>
 *   <li>{@code refinery_performance_estimate_gap{system,metric}}: the mean |realized − estimated| over the last 35 days
 *       whose labels are in: how far the estimates can be trusted.</li>
 * </ul>
 */
@ApplicationScoped
public class PerformanceGauges {

    private static final String LATEST = """
            select distinct on (e.system_key, e.metric) e.system_key, e.metric, e.predictions, e.labelled, e.estimated,
                   e.realized, p.realized_from_labelled_share as share
            from metrics.performance_estimates e join metrics.performance_estimators p on p.system_key = e.system_key
            order by e.system_key, e.metric, e.day desc
            """;
    private static final String GAP = """
            select e.system_key, e.metric, avg(abs(e.realized - e.estimated)) as gap
            from metrics.performance_estimates e join metrics.performance_estimators p on p.system_key = e.system_key
            where e.realized is not null and e.estimated is not null
              and e.labelled >= p.realized_from_labelled_share * e.predictions and e.day >= current_date - 35
            group by e.system_key, e.metric
            """;

    private final Pool pool;
    private final MultiGauge latest;
    private final MultiGauge gap;

    public PerformanceGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.latest = MultiGauge.builder("refinery_performance")
                .description("Latest day's estimated (before labels) or realized model performance").register(registry);
        this.gap = MultiGauge.builder("refinery_performance_estimate_gap")
                .description("Mean |realized - estimated| over the last 35 labelled days").register(registry);
    }

    @Scheduled(every = "${refinery.gauges.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        Uni<Void> values = pool.query(LATEST).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                PerformanceDay day = new PerformanceDay(null, null, r.getLong("predictions"), r.getLong("labelled"),
                        r.getDouble("estimated"), null, r.getDouble("realized"), r.getDouble("share"));
                Double value = day.value();
                if (value != null) {
                    gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "metric",
                            r.getString("metric"), "source", day.source().name()), value));
                }
            }
            latest.register(gaugeRows, true);
        }).replaceWithVoid();
        Uni<Void> gaps = pool.query(GAP).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "metric",
                        r.getString("metric")), r.getDouble("gap")));
            }
            gap.register(gaugeRows, true);
        }).replaceWithVoid();
        return Uni.join().all(values, gaps).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
