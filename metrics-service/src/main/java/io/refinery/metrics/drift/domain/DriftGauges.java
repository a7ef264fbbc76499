package io.refinery.metrics.drift.domain;

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
 * Drift gauges read from PostgreSQL on every replica, so all replicas report the same values:
 * <ul>
 *   <li>{@code refinery_drift_score{system,feature}}: the statistic of the feature's latest comparison (any monitor of
 *       the system; the latest run wins when two monitors share a feature), for features an active monitor
 *       watches. Methods differ in scale: read it together with the monitor's method.</li>
 *   <li>{@code refinery_drift_detected{system,kind}}: how many drifts were detected so far (kind DATA or CONCEPT), a
 *       count that only grows, so {@code increase(refinery_drift_detected[1h]) > 0} alerts on a new one.</li>
 * </ul>
 */
@ApplicationScoped
public class DriftGauges {

    private static final String SCORES = """
            select s.system_key, s.feature, s.statistic from metrics.drift_scores s
            where exists (select 1 from metrics.drift_monitors m where m.deleted_at is null and m.system_key = s.system_key
                          and m.features::jsonb @> jsonb_build_array(jsonb_build_object('name', s.feature)))
            """;
    private static final String DETECTED = "select system_key, kind, count(*) as n from metrics.drift_detections"
            + " group by system_key, kind";

    private final Pool pool;
    private final MultiGauge scores;
    private final MultiGauge detected;

    public DriftGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.scores = MultiGauge.builder("refinery_drift_score")
                .description("Statistic of the latest drift comparison of a feature").register(registry);
        this.detected = MultiGauge.builder("refinery_drift_detected")
                .description("Drifts detected so far, by kind (DATA, CONCEPT)").register(registry);
    }

    @Scheduled(every = "${refinery.gauges.refresh-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        Uni<Void> latest = pool.query(SCORES).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "feature",
                        r.getString("feature")), r.getDouble("statistic")));
            }
            scores.register(gaugeRows, true);
        }).replaceWithVoid();
        Uni<Void> counts = pool.query(DETECTED).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gaugeRows = new ArrayList<>();
            for (Row r : rows) {
                gaugeRows.add(MultiGauge.Row.of(Tags.of("system", r.getString("system_key"), "kind", r.getString("kind")),
                        r.getLong("n")));
            }
            detected.register(gaugeRows, true);
        }).replaceWithVoid();
        return Uni.join().all(latest, counts).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
