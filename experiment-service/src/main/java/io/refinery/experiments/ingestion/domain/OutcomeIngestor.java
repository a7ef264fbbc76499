package io.refinery.experiments.ingestion.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.refinery.experiments.experiment.domain.ExperimentState;
import io.refinery.platform.problem.FieldIssue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores outcomes: each unit's values are summed per metric, and the sums of its variant move by the change in the
 * unit's value (Σy by new − old, Σy² by new² − old², conversions by [new &gt; 0] − [old &gt; 0]), in the same
 * transaction. An outcome naming an experiment counts for that experiment (waiting for the unit's exposure if it
 * came first); one naming a system counts for each RUNNING or STOPPED experiment of the system that measures the
 * metric and in which the unit is already exposed. For a RATIO metric, Σ N·D of the unit's variant moves too; for a
 * QUANTILE metric, the variant's count of units per value.
 */
@ApplicationScoped
public class OutcomeIngestor {

    /** Locks each touched unit row (creating it for a unit not yet exposed) and tells its variant and covariate. */
    private static final String LOCK_UNITS = """
            insert into experiments.units as u (experiment_id, unit_id)
            select * from unnest($1::uuid[], $2::text[]) as d(experiment_id, unit_id) order by 1, 2
            on conflict (experiment_id, unit_id) do update set unit_id = excluded.unit_id
            returning u.experiment_id, u.unit_id, u.variant, u.covariate""";

    private static final String EXPOSED = "select experiment_id, unit_id from experiments.units"
            + " where experiment_id = any($1) and unit_id = any($2) and variant is not null";

    /** Adds the deltas to the units' sums and moves their variants' sufficient statistics accordingly. */
    private static final String ADD = """
            with d as materialized (
              select experiment_id, unit_id, metric, delta::numeric as delta, variant, covariate
              from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::float8[])
                as d(experiment_id, unit_id, metric, delta, variant, covariate)
            ), summed as (
              insert into experiments.unit_outcomes as o (experiment_id, unit_id, metric, value)
              select experiment_id, unit_id, metric, delta from d order by 1, 2, 3
              on conflict (experiment_id, unit_id, metric) do update set value = o.value + excluded.value
              returning o.experiment_id, o.unit_id, o.metric, o.value
            ), changes as (
              select d.experiment_id, d.variant, d.metric, d.covariate, s.value::float8 as new_value,
                     (s.value - d.delta)::float8 as old_value
              from summed s join d on d.experiment_id = s.experiment_id and d.unit_id = s.unit_id and d.metric = s.metric
              where d.variant is not null
            )
            insert into experiments.variant_metric_stats as s (experiment_id, variant, metric, sum, sum_sq, sum_xy, conversions)
            select experiment_id, variant, metric, sum(new_value - old_value),
                   sum(new_value * new_value - old_value * old_value), sum(coalesce(covariate, 0) * (new_value - old_value)),
                   sum((new_value > 0)::int - (old_value > 0)::int)
            from changes group by experiment_id, variant, metric order by 1, 2, 3
            on conflict (experiment_id, variant, metric) do update set sum = s.sum + excluded.sum,
              sum_sq = s.sum_sq + excluded.sum_sq, sum_xy = s.sum_xy + excluded.sum_xy,
              conversions = s.conversions + excluded.conversions""";

    /**
     * Moves each variant's Σ N·D of a ratio metric by new N·new D − old N·old D for the units whose N or D changes.
     * Runs before {@link #ADD}, so unit_outcomes still holds the old values; the unit rows are locked already.
     */
    private static final String RATIOS = """
            with d as (
              select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::text[])
                as d(experiment_id, unit_id, metric, delta, variant)
              where variant is not null
            ), r as (
              select * from unnest($6::uuid[], $7::text[], $8::text[]) as r(experiment_id, numerator, denominator)
            ), touched as (
              select d.experiment_id, d.unit_id, d.variant, r.numerator, r.denominator,
                     coalesce(sum(d.delta::numeric) filter (where d.metric = r.numerator), 0) as delta_n,
                     coalesce(sum(d.delta::numeric) filter (where d.metric = r.denominator), 0) as delta_d
              from d join r on r.experiment_id = d.experiment_id and d.metric in (r.numerator, r.denominator)
              group by 1, 2, 3, 4, 5
            ), moved as (
              select t.experiment_id, t.variant, t.numerator, t.denominator, t.delta_n, t.delta_d,
                     coalesce(n.value, 0) as old_n, coalesce(m.value, 0) as old_d
              from touched t
              left join experiments.unit_outcomes n
                on n.experiment_id = t.experiment_id and n.unit_id = t.unit_id and n.metric = t.numerator
              left join experiments.unit_outcomes m
                on m.experiment_id = t.experiment_id and m.unit_id = t.unit_id and m.metric = t.denominator
            )
            insert into experiments.variant_ratio_stats as s (experiment_id, variant, numerator, denominator, sum_products)
            select experiment_id, variant, numerator, denominator,
                   sum(((old_n + delta_n) * (old_d + delta_d) - old_n * old_d)::float8)
            from moved group by 1, 2, 3, 4 order by 1, 2, 3, 4
            on conflict (experiment_id, variant, numerator, denominator) do update
              set sum_products = s.sum_products + excluded.sum_products""";


    /**
     * Moves each variant's count of units per value of a QUANTILE metric for the units whose value changes: one off
     * the old value (when the unit had one), one onto the new. Runs before {@link #ADD}, like {@link #RATIOS}.
     */
    private static final String VALUE_COUNTS = """
            with d as (
              select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::text[])
                as d(experiment_id, unit_id, metric, delta, variant)
              where variant is not null
            ), q as (
              select * from unnest($6::uuid[], $7::text[]) as q(experiment_id, metric)
            ), moved as (
              select d.experiment_id, d.variant, d.metric, o.value as old_value,
                     coalesce(o.value, 0) + d.delta::numeric as new_value
              from d join q on q.experiment_id = d.experiment_id and q.metric = d.metric
              left join experiments.unit_outcomes o
                on o.experiment_id = d.experiment_id and o.unit_id = d.unit_id and o.metric = d.metric
            ), changes as (
              select experiment_id, variant, metric, new_value::float8 as value, 1 as units from moved
              union all
              select experiment_id, variant, metric, old_value::float8, -1 from moved where old_value is not null
            )
            insert into experiments.variant_value_counts as s (experiment_id, variant, metric, value, units)
            select experiment_id, variant, metric, value, sum(units) from changes
            group by 1, 2, 3, 4 having sum(units) <> 0 order by 1, 2, 3, 4
            on conflict (experiment_id, variant, metric, value) do update set units = s.units + excluded.units""";

    private final Pool pool;
    private final ExperimentRefs refs;
    private final IdLedger ledger = new IdLedger("outcome_ids");
    private final Counter accepted;

    public OutcomeIngestor(Pool pool, ExperimentRefs refs, MeterRegistry registry) {
        this.pool = pool;
        this.refs = refs;
        this.accepted = Counter.builder("refinery_outcomes_ingested").description("New outcomes stored").register(registry);
    }

    /** A checked outcome and the experiments it may count for. */
    private record Valid(int index, IngestItems.Outcome item, List<UUID> experiments) {
    }

    /** The change of one unit's value of one metric in one experiment. */
    private record Key(UUID experimentId, String unitId, String metric) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = experimentId.compareTo(o.experimentId);
            if (c == 0) {
                c = unitId.compareTo(o.unitId);
            }
            return c == 0 ? metric.compareTo(o.metric) : c;
        }
    }

    public Uni<IngestResult> ingest(List<IngestItems.Parsed<IngestItems.Outcome>> items) {
        Set<String> experimentKeys = new HashSet<>();
        Set<String> systemKeys = new HashSet<>();
        for (IngestItems.Parsed<IngestItems.Outcome> p : items) {
            if (p.ok() && p.item().experimentKey() != null) {
                experimentKeys.add(p.item().experimentKey());
            } else if (p.ok()) {
                systemKeys.add(p.item().systemKey());
            }
        }
        return refs.load(experimentKeys, systemKeys).flatMap(found -> {
            List<IngestResult.RejectedItem> rejected = new ArrayList<>();
            List<Valid> valid = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                IngestItems.Parsed<IngestItems.Outcome> parsed = items.get(i);
                if (!parsed.ok()) {
                    rejected.add(new IngestResult.RejectedItem(i, null, parsed.issues()));
                    continue;
                }
                IngestItems.Outcome o = parsed.item();
                if (o.experimentKey() == null) {
                    List<UUID> candidates = found.bySystem().getOrDefault(o.systemKey(), List.of()).stream()
                            .filter(r -> r.metrics().contains(o.metric())).map(ExperimentRefs.Ref::id).toList();
                    valid.add(new Valid(i, o, candidates));
                    continue;
                }
                ExperimentRefs.Ref ref = found.byKey().get(o.experimentKey());
                FieldIssue issue = null;
                if (ref == null) {
                    issue = new FieldIssue("experimentKey", "unknown experiment '" + o.experimentKey() + "'");
                } else if (ref.state() != ExperimentState.RUNNING && ref.state() != ExperimentState.STOPPED) {
                    issue = new FieldIssue("experimentKey", "experiment '" + o.experimentKey() + "' is " + ref.state()
                            + "; outcomes are taken while it is RUNNING or STOPPED");
                } else if (!ref.metrics().contains(o.metric())) {
                    issue = new FieldIssue("metric", "experiment '" + o.experimentKey() + "' measures " + ref.metrics());
                }
                if (issue != null) {
                    rejected.add(new IngestResult.RejectedItem(i, o.id(), List.of(issue)));
                } else {
                    valid.add(new Valid(i, o, List.of(ref.id())));
                }
            }
            return Retries.onConflict(() -> pool.withTransaction(conn -> store(conn, valid, found)))
                    .map(counts -> new IngestResult(counts[0], counts[1], counts[2], rejected));
        });
    }

    /** Returns {accepted, duplicates, unattributed}. */
    private Uni<int[]> store(SqlConnection conn, List<Valid> valid, ExperimentRefs.Found found) {
        Map<String, Valid> byId = new LinkedHashMap<>();
        valid.forEach(v -> byId.putIfAbsent(v.item().id(), v));
        int repeatedInBatch = valid.size() - byId.size();
        return ledger.recordNew(conn, new ArrayList<>(byId.keySet())).flatMap(fresh -> {
            List<Valid> stored = byId.values().stream().filter(v -> fresh.contains(v.item().id())).toList();
            int[] counts = { fresh.size(), byId.size() - fresh.size() + repeatedInBatch, 0 };
            return exposedOfSystems(conn, stored).flatMap(exposed -> {
                TreeMap<Key, Double> deltas = new TreeMap<>();
                for (Valid v : stored) {
                    boolean bySystem = v.item().experimentKey() == null;
                    int counted = 0;
                    for (UUID experiment : v.experiments()) {
                        if (!bySystem || exposed.contains(experiment + "\u0000" + v.item().unitId())) {
                            deltas.merge(new Key(experiment, v.item().unitId(), v.item().metric()), v.item().value(),
                                    Double::sum);
                            counted++;
                        }
                    }
                    if (counted == 0) {
                        counts[2]++;
                    }
                }
                accepted.increment(fresh.size());
                return deltas.isEmpty() ? Uni.createFrom().item(counts) : add(conn, deltas, found).replaceWith(counts);
            });
        });
    }

    /** The (experiment, unit) pairs, among those system-wide outcomes may count for, that are exposed. */
    private Uni<Set<String>> exposedOfSystems(SqlConnection conn, List<Valid> stored) {
        Set<UUID> experiments = new HashSet<>();
        Set<String> units = new HashSet<>();
        for (Valid v : stored) {
            if (v.item().experimentKey() == null && !v.experiments().isEmpty()) {
                experiments.addAll(v.experiments());
                units.add(v.item().unitId());
            }
        }
        if (experiments.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return conn.preparedQuery(EXPOSED).execute(Tuple.of(experiments.toArray(new UUID[0]), units.toArray(new String[0])))
                .map(rows -> {
                    Set<String> exposed = new HashSet<>();
                    for (Row row : rows) {
                        exposed.add(row.getUUID("experiment_id") + "\u0000" + row.getString("unit_id"));
                    }
                    return exposed;
                });
    }

    private Uni<Void> add(SqlConnection conn, TreeMap<Key, Double> deltas, ExperimentRefs.Found found) {
        List<UUID> unitExperiments = new ArrayList<>();
        List<String> unitIds = new ArrayList<>();
        Key previous = null;
        for (Key k : deltas.keySet()) {
            if (previous == null || !previous.experimentId().equals(k.experimentId()) || !previous.unitId().equals(k.unitId())) {
                unitExperiments.add(k.experimentId());
                unitIds.add(k.unitId());
            }
            previous = k;
        }
        return conn.preparedQuery(LOCK_UNITS)
                .execute(Tuple.of(unitExperiments.toArray(new UUID[0]), unitIds.toArray(new String[0])))
                .flatMap(rows -> {
                    Map<String, Row> unitRows = new HashMap<>();
                    for (Row row : rows) {
                        unitRows.put(row.getUUID("experiment_id") + "\u0000" + row.getString("unit_id"), row);
                    }
                    int n = deltas.size();
                    UUID[] experiments = new UUID[n];
                    String[] units = new String[n];
                    String[] metrics = new String[n];
                    Double[] values = new Double[n];
                    String[] variants = new String[n];
                    Double[] covariates = new Double[n];
                    int i = 0;
                    for (Map.Entry<Key, Double> e : deltas.entrySet()) {
                        Row unit = unitRows.get(e.getKey().experimentId() + "\u0000" + e.getKey().unitId());
                        experiments[i] = e.getKey().experimentId();
                        units[i] = e.getKey().unitId();
                        metrics[i] = e.getKey().metric();
                        values[i] = e.getValue();
                        variants[i] = unit.getString("variant");
                        covariates[i] = unit.getDouble("covariate");
                        i++;
                    }
                    Tuple add = Tuple.of(experiments, units, metrics, values, variants, covariates);
                    Uni<?> before = Uni.createFrom().voidItem();
                    ExperimentRefs.RatioColumns r = found.ratioColumns(experiments);
                    if (r != null) {
                        before = before.flatMap(x -> conn.preparedQuery(RATIOS).execute(Tuple.tuple(List.of(experiments,
                                units, metrics, values, variants, r.experimentIds(), r.numerators(), r.denominators()))));
                    }
                    ExperimentRefs.QuantileColumns q = found.quantileColumns(experiments);
                    if (q != null) {
                        before = before.flatMap(x -> conn.preparedQuery(VALUE_COUNTS).execute(Tuple.tuple(List.of(
                                experiments, units, metrics, values, variants, q.experimentIds(), q.metrics()))));
                    }
                    return before.flatMap(x -> conn.preparedQuery(ADD).execute(add));
                }).replaceWithVoid();
    }
}
