package io.refinery.experiments.rollout.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What rollouts need to know about a system from the other services: alerts and drift (they pause a phase and lower
 * the data-infrastructure pre-fill), feedback insights (a phase's evidence) and closed daily rollups (a phase's live
 * metrics; whether metrics still arrive). Stored once per event id.
 */
@ApplicationScoped
public class RolloutSignals {

    public enum Kind { ALERT_FIRED, ALERT_RESOLVED, DRIFT, CONTRADICTION, THEME_SPIKE }

    /** A phase metric over the days closed since the phase started: count-weighted mean of the daily values. */
    public record LiveMetric(String metric, Double value, int days, long count) {
    }

    /** What the system's signals say now. */
    public record Health(boolean metricsArriving, int drift30d, List<String> firingAlerts, int contradictions30d,
            List<String> spikingThemes30d) {
    }

    private static final String RECORD = """
            insert into experiments.system_signals (event_id, system_key, kind, ref, summary, at)
            values ($1, $2, $3, $4, $5, $6) on conflict (event_id) do nothing
            """;
    private static final String ROLLUP = """
            insert into experiments.rollup_days (system_key, metric, day_start, value, count, segments)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (system_key, metric, day_start) do update set value = excluded.value, count = excluded.count,
              segments = excluded.segments
            """;
    private static final String HEALTH = """
            select
              exists (select 1 from experiments.rollup_days where system_key = $1 and day_start >= $2::timestamptz - interval '3 days'),
              (select count(*) from experiments.system_signals where system_key = $1 and kind = 'DRIFT'
                and at >= $2::timestamptz - interval '30 days'),
              (select coalesce(array_agg(f.summary order by f.at), '{}') from experiments.system_signals f
                where f.system_key = $1 and f.kind = 'ALERT_FIRED' and not exists (select 1 from experiments.system_signals r
                  where r.system_key = f.system_key and r.kind = 'ALERT_RESOLVED' and r.ref = f.ref)),
              (select count(*) from experiments.system_signals where system_key = $1 and kind = 'CONTRADICTION'
                and at >= $2::timestamptz - interval '30 days'),
              (select coalesce(array_agg(distinct ref), '{}') from experiments.system_signals where system_key = $1
                and kind = 'THEME_SPIKE' and at >= $2::timestamptz - interval '30 days')
            """;
    private static final String DAYS = """
            select metric, day_start, value, count, segments from experiments.rollup_days
             where system_key = $1 and metric = any($2) and day_start >= $3 order by day_start
            """;

    private final Pool pool;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public RolloutSignals(Pool pool, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** True when the signal is new. */
    public Uni<Boolean> record(String eventId, String systemKey, Kind kind, String ref, String summary, Instant at) {
        return pool.preparedQuery(RECORD).execute(Tuple.from(List.of(eventId, systemKey, kind.name(),
                ref == null ? "" : ref, summary, at.atOffset(ZoneOffset.UTC)))).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> rollup(String systemKey, String metric, Instant dayStart, double value, long count, String segments) {
        return pool.preparedQuery(ROLLUP).execute(Tuple.from(List.of(systemKey, metric, dayStart.atOffset(ZoneOffset.UTC),
                value, count, segments))).replaceWithVoid();
    }

    public Uni<Health> health(String systemKey, Instant now) {
        return pool.preparedQuery(HEALTH).execute(Tuple.of(systemKey, now.atOffset(ZoneOffset.UTC))).map(rows -> {
            Row r = rows.iterator().next();
            return new Health(r.getBoolean(0), r.getLong(1).intValue(), List.of(r.getArrayOfStrings(2)),
                    r.getLong(3).intValue(), List.of(r.getArrayOfStrings(4)));
        });
    }

    /**
     * The metrics' values over the days that started at or after {@code since} (closed days only), restricted to the
     * listed segments when there are any (their count-weighted mean), else all segments together.
     */
    public Uni<Map<String, LiveMetric>> live(String systemKey, List<String> metrics, Instant since, List<String> segments) {
        Instant from = since.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        return pool.preparedQuery(DAYS).execute(Tuple.of(systemKey, metrics.toArray(String[]::new),
                from.atOffset(ZoneOffset.UTC))).map(rows -> {
                    Map<String, double[]> sums = new LinkedHashMap<>();
                    for (Row r : rows) {
                        double[] s = sums.computeIfAbsent(r.getString("metric"), k -> new double[3]);
                        double[] day = dayValue(r, segments);
                        if (day[1] > 0) {
                            s[0] += day[0] * day[1];
                            s[1] += day[1];
                            s[2]++;
                        }
                    }
                    Map<String, LiveMetric> out = new LinkedHashMap<>();
                    for (String metric : metrics) {
                        double[] s = sums.get(metric);
                        out.put(metric, s == null || s[1] == 0 ? new LiveMetric(metric, null, 0, 0)
                                : new LiveMetric(metric, s[0] / s[1], (int) s[2], (long) s[1]));
                    }
                    return out;
                });
    }

    /** {value, count} of one day: all segments, or the listed ones pooled. */
    private double[] dayValue(Row r, List<String> segments) {
        if (segments.isEmpty()) {
            return new double[] { r.getDouble("value"), r.getLong("count") };
        }
        double weighted = 0;
        long count = 0;
        try {
            for (JsonNode s : mapper.readTree(r.getString("segments"))) {
                if (segments.contains(s.path("segment").asText())) {
                    weighted += s.path("value").asDouble() * s.path("count").asLong();
                    count += s.path("count").asLong();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("stored rollup segments are unreadable", e);
        }
        return new double[] { count == 0 ? 0 : weighted / count, count };
    }
}
