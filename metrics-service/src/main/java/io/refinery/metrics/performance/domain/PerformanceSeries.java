package io.refinery.metrics.performance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.metrics.performance.estimation.PerformanceMetric;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads stored daily estimates (non-blocking), for the API and for threshold rules on estimated metrics. */
@ApplicationScoped
public class PerformanceSeries {

    private static final String DAYS = """
            select e.day, e.metric, e.predictions, e.labelled, e.estimated, e.sampling_error, e.realized,
                   p.realized_from_labelled_share
            from metrics.performance_estimates e join metrics.performance_estimators p on p.system_key = e.system_key
            where e.system_key = $1 and e.day >= $2 and e.day < $3 and ($4::text is null or e.metric = $4)
            order by e.day, e.metric
            """;

    private final Pool pool;

    public PerformanceSeries(Pool pool) {
        this.pool = pool;
    }

    /** Days in [from, to) of one metric, or of all when {@code metric} is null, oldest first. */
    public Uni<List<PerformanceDay>> days(String systemKey, LocalDate from, LocalDate to, PerformanceMetric metric) {
        Tuple args = Tuple.of(systemKey, from, to, metric == null ? null : metric.key());
        return pool.preparedQuery(DAYS).execute(args).map(rows -> {
            List<PerformanceDay> days = new ArrayList<>();
            for (Row r : rows) {
                days.add(new PerformanceDay(r.getLocalDate("day"),
                        PerformanceMetric.fromKey(r.getString("metric")).orElseThrow(), r.getLong("predictions"),
                        r.getLong("labelled"), r.getDouble("estimated"), r.getDouble("sampling_error"),
                        r.getDouble("realized"), r.getDouble("realized_from_labelled_share")));
            }
            return days;
        });
    }
}
