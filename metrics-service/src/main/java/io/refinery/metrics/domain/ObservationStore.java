package io.refinery.metrics.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes observation batches in one set-based statement: the batch travels as arrays ({@code unnest}, a
 * COPY-class bulk path that the reactive driver supports), new ids are inserted, repeated ids skipped
 * ({@code on conflict do nothing}), and the hourly and daily rollups of exactly the inserted rows are
 * upserted in the same statement, so rollups never count a duplicate and never miss a committed row.
 */
@ApplicationScoped
public class ObservationStore {

    static final String INSERT = """
            with batch as (
              select * from unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[],
                                   $7::timestamptz[], $8::text[], $9::text[])
                as b(id, system_key, metric, value, numerator, denominator, observed_at, segment, dimensions)
            ),
            inserted as (
              insert into metrics.observations (id, system_key, metric, value, numerator, denominator, observed_at,
                                                segment, dimensions, received_at)
              select id, system_key, metric, value, numerator, denominator, observed_at, segment, dimensions::jsonb, now()
              from batch
              on conflict (id) do nothing
              returning system_key, metric, value, numerator, denominator, observed_at, segment
            ),
            expanded as (
              select i.system_key, i.metric, s.step, seg.segment,
                     date_trunc(case s.step when 'PT1H' then 'hour' else 'day' end, i.observed_at, 'UTC') as bucket,
                     i.value, i.numerator, i.denominator
              from inserted i
              cross join (values ('PT1H'), ('P1D')) as s(step)
              cross join lateral (select '' as segment union all select i.segment where i.segment is not null) seg
            ),
            rolled as (
              insert into metrics.rollups as r (system_key, metric, step, segment, bucket, count, sum, min, max,
                                                ratio_count, numerator_sum, denominator_sum, updated_at)
              select system_key, metric, step, segment, bucket, count(*), sum(value), min(value), max(value),
                     count(denominator), coalesce(sum(numerator), 0), coalesce(sum(denominator), 0), now()
              from expanded
              group by system_key, metric, step, segment, bucket
              order by system_key, metric, step, segment, bucket
              on conflict (system_key, metric, step, segment, bucket) do update set
                count = r.count + excluded.count,
                sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min),
                max = greatest(r.max, excluded.max),
                ratio_count = r.ratio_count + excluded.ratio_count,
                numerator_sum = r.numerator_sum + excluded.numerator_sum,
                denominator_sum = r.denominator_sum + excluded.denominator_sum,
                updated_at = now()
            )
            select system_key, count(*) as inserted from inserted group by system_key
            """;

    private static final String KNOWN = "select system_key from metrics.systems where system_key = any($1)";

    private final Pool pool;

    public ObservationStore(Pool pool) {
        this.pool = pool;
    }

    /** Writes the batch; returns how many were new per system (the rest were already stored). */
    public Uni<Map<String, Integer>> insert(List<Observation> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int n = batch.size();
        String[] ids = new String[n];
        String[] systems = new String[n];
        String[] metrics = new String[n];
        Double[] values = new Double[n];
        Double[] numerators = new Double[n];
        Double[] denominators = new Double[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] segments = new String[n];
        String[] dimensions = new String[n];
        for (int i = 0; i < n; i++) {
            Observation o = batch.get(i);
            ids[i] = o.id();
            systems[i] = o.systemKey();
            metrics[i] = o.metric();
            values[i] = o.value();
            numerators[i] = o.numerator();
            denominators[i] = o.denominator();
            times[i] = o.observedAt().atOffset(ZoneOffset.UTC);
            segments[i] = o.segment();
            dimensions[i] = o.dimensionsJson();
        }
        Tuple args = Tuple.from(new Object[] { ids, systems, metrics, values, numerators, denominators, times,
                segments, dimensions });
        return pool.withTransaction(conn -> conn.preparedQuery(INSERT).execute(args))
                .map(rows -> {
                    Map<String, Integer> inserted = new HashMap<>();
                    for (Row row : rows) {
                        inserted.put(row.getString("system_key"), row.getLong("inserted").intValue());
                    }
                    return inserted;
                });
    }

    /** Which of these system keys are registered (known from refinery.systems). */
    public Uni<Set<String>> knownSystems(Set<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery(KNOWN).execute(Tuple.of(keys.toArray(new String[0])))
                .map(rows -> {
                    java.util.HashSet<String> known = new java.util.HashSet<>();
                    for (Row row : rows) {
                        known.add(row.getString(0));
                    }
                    return known;
                });
    }
}
