package io.refinery.experiments.coverage.domain;

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
 * Prometheus gauges read from PostgreSQL on every replica, so all replicas report the same values:
 * {@code refinery_experiment_coverage_gap{system}} (1 when a registered system has no running experiment, else 0)
 * and {@code refinery_experiments_running{system}}.
 */
@ApplicationScoped
public class CoverageGauges {

    private static final String RUNNING = "select s.system_key, count(e.id) as running from experiments.systems s"
            + " left join experiments.experiments e on e.system_key = s.system_key and e.state = 'RUNNING'"
            + " and e.kind <> 'HOLDOUT'"
            + " group by s.system_key";

    private final Pool pool;
    private final MultiGauge gaps;
    private final MultiGauge running;

    public CoverageGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.gaps = MultiGauge.builder("refinery_experiment_coverage_gap")
                .description("1 when the AI system has no running experiment").register(registry);
        this.running = MultiGauge.builder("refinery_experiments_running")
                .description("Running experiments per AI system").register(registry);
    }

    @Scheduled(every = "${refinery.experiments.gauges-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> refresh() {
        return pool.query(RUNNING).execute().invoke(rows -> {
            List<MultiGauge.Row<?>> gapRows = new ArrayList<>();
            List<MultiGauge.Row<?>> runningRows = new ArrayList<>();
            for (Row r : rows) {
                Tags tags = Tags.of("system", r.getString("system_key"));
                long count = r.getLong("running");
                gapRows.add(MultiGauge.Row.of(tags, count == 0 ? 1 : 0));
                runningRows.add(MultiGauge.Row.of(tags, count));
            }
            gaps.register(gapRows, true);
            running.register(runningRows, true);
        }).replaceWithVoid().onFailure().recoverWithNull().replaceWithVoid();
    }
}
