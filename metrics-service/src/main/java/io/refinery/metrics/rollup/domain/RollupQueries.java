package io.refinery.metrics.rollup.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads rolled-up series; segment '' means all segments together. */
@ApplicationScoped
public class RollupQueries {

    private static final String SERIES = "select bucket, count, sum, min, max, ratio_count, numerator_sum, denominator_sum"
            + " from metrics.rollups where system_key = $1 and metric = $2 and step = $3 and segment = $4"
            + " and bucket >= $5 and bucket < $6 order by bucket";
    private static final String METRICS = "select metric, min(bucket) as first_day, max(bucket) as last_day,"
            + " sum(count) as observations from metrics.rollups where system_key = $1 and step = 'P1D' and segment = ''"
            + " group by metric order by metric";

    private final Pool pool;

    public RollupQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RollupPoint>> series(String systemKey, String metric, Step step, String segment, Instant from,
            Instant to) {
        Tuple args = Tuple.of(systemKey, metric, step.name(), segment == null ? "" : segment)
                .addOffsetDateTime(from.atOffset(ZoneOffset.UTC)).addOffsetDateTime(to.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(SERIES).execute(args).map(rows -> {
            List<RollupPoint> points = new ArrayList<>();
            for (Row r : rows) {
                points.add(RollupPoint.of(r.getOffsetDateTime("bucket").toInstant(), r.getLong("count"),
                        r.getDouble("sum"), r.getDouble("min"), r.getDouble("max"), r.getLong("ratio_count"),
                        r.getDouble("numerator_sum"), r.getDouble("denominator_sum")));
            }
            return points;
        });
    }

    public Uni<List<MetricSummary>> metrics(String systemKey) {
        return pool.preparedQuery(METRICS).execute(Tuple.of(systemKey)).map(rows -> {
            List<MetricSummary> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new MetricSummary(r.getString("metric"), r.getOffsetDateTime("first_day").toInstant(),
                        r.getOffsetDateTime("last_day").toInstant(), r.getNumeric("observations").longValue()));
            }
            return list;
        });
    }
}
