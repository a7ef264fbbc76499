package io.refinery.experiments.ingestion.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Stores exposures: a unit's first exposure to a RUNNING experiment enrols it in its variant (later ones change
 * nothing) and adds it to the variant's unit count, in the same transaction. A unit whose outcomes arrived first
 * gets them folded into its variant's sums then (its N·D into each ratio metric's Σ N·D, its values into each
 * quantile metric's counts).
 */
@ApplicationScoped
public class ExposureIngestor {

    /** Enrols new units, counts them per variant, and returns those that had outcomes waiting. */
    private static final String ENROL = """
            with d as (
              select * from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::text[])
                as d(experiment_id, unit_id, variant, at, covariate, segments)
              order by experiment_id, unit_id
            ), enrolled as (
              insert into experiments.units as u (experiment_id, unit_id, variant, first_exposed_at, covariate, segments)
              select experiment_id, unit_id, variant, at, covariate, segments::jsonb from d
              on conflict (experiment_id, unit_id) do update
                set variant = excluded.variant, first_exposed_at = excluded.first_exposed_at, covariate = excluded.covariate,
                    segments = excluded.segments
                where u.variant is null
              returning u.experiment_id, u.unit_id, u.variant, u.covariate, (u.xmax <> 0) as waited
            ), counted as (
              insert into experiments.variant_stats as s
                (experiment_id, variant, units, covariate_units, covariate_sum, covariate_sum_sq)
              select experiment_id, variant, count(*), count(covariate), coalesce(sum(covariate), 0),
                     coalesce(sum(covariate * covariate), 0)
              from enrolled group by experiment_id, variant order by experiment_id, variant
              on conflict (experiment_id, variant) do update set units = s.units + excluded.units,
                covariate_units = s.covariate_units + excluded.covariate_units,
                covariate_sum = s.covariate_sum + excluded.covariate_sum,
                covariate_sum_sq = s.covariate_sum_sq + excluded.covariate_sum_sq
            )
            select experiment_id, unit_id, variant, covariate, 0::bigint as enrolled from enrolled where waited
            union all select null, null, null, null, count(*) from enrolled""";

    /** Adds the waiting outcomes of newly enrolled units to their variants' sums (a later statement sees them all). */
    private static final String FOLD = """
            with n as (
              select * from unnest($1::uuid[], $2::text[], $3::text[], $4::float8[])
                as n(experiment_id, unit_id, variant, covariate)
            )
            insert into experiments.variant_metric_stats as s (experiment_id, variant, metric, sum, sum_sq, sum_xy, conversions)
            select n.experiment_id, n.variant, o.metric, sum(o.value::float8), sum(o.value::float8 * o.value::float8),
                   sum(coalesce(n.covariate, 0) * o.value::float8), count(*) filter (where o.value > 0)
            from n join experiments.unit_outcomes o on o.experiment_id = n.experiment_id and o.unit_id = n.unit_id
            group by n.experiment_id, n.variant, o.metric order by 1, 2, 3
            on conflict (experiment_id, variant, metric) do update set sum = s.sum + excluded.sum,
              sum_sq = s.sum_sq + excluded.sum_sq, sum_xy = s.sum_xy + excluded.sum_xy,
              conversions = s.conversions + excluded.conversions""";

    /** Adds the newly enrolled units' N·D of each ratio metric whose numerator and denominator both waited. */
    private static final String FOLD_RATIOS = """
            with n as (
              select * from unnest($1::uuid[], $2::text[], $3::text[]) as n(experiment_id, unit_id, variant)
            ), r as (
              select * from unnest($4::uuid[], $5::text[], $6::text[]) as r(experiment_id, numerator, denominator)
            )
            insert into experiments.variant_ratio_stats as s (experiment_id, variant, numerator, denominator, sum_products)
            select n.experiment_id, n.variant, r.numerator, r.denominator, sum(a.value::float8 * b.value::float8)
            from n join r on r.experiment_id = n.experiment_id
            join experiments.unit_outcomes a
              on a.experiment_id = n.experiment_id and a.unit_id = n.unit_id and a.metric = r.numerator
            join experiments.unit_outcomes b
              on b.experiment_id = n.experiment_id and b.unit_id = n.unit_id and b.metric = r.denominator
            group by 1, 2, 3, 4 order by 1, 2, 3, 4
            on conflict (experiment_id, variant, numerator, denominator) do update
              set sum_products = s.sum_products + excluded.sum_products""";

    /** Counts the newly enrolled units' waiting values of each QUANTILE metric. */
    private static final String FOLD_VALUE_COUNTS = """
            with n as (
              select * from unnest($1::uuid[], $2::text[], $3::text[]) as n(experiment_id, unit_id, variant)
            ), q as (
              select * from unnest($4::uuid[], $5::text[]) as q(experiment_id, metric)
            )
            insert into experiments.variant_value_counts as s (experiment_id, variant, metric, value, units)
            select n.experiment_id, n.variant, o.metric, o.value::float8, count(*)
            from n join q on q.experiment_id = n.experiment_id
            join experiments.unit_outcomes o
              on o.experiment_id = n.experiment_id and o.unit_id = n.unit_id and o.metric = q.metric
            group by 1, 2, 3, 4 order by 1, 2, 3, 4
            on conflict (experiment_id, variant, metric, value) do update set units = s.units + excluded.units""";

    private final Pool pool;
    private final ExperimentRefs refs;
    private final IdLedger ledger = new IdLedger("exposure_ids");
    private final Counter accepted;
    private final Counter enrolled;

    public ExposureIngestor(Pool pool, ExperimentRefs refs, MeterRegistry registry) {
        this.pool = pool;
        this.refs = refs;
        this.accepted = Counter.builder("refinery_exposures_ingested").description("New exposures stored").register(registry);
        this.enrolled = Counter.builder("refinery_units_enrolled").description("Units counted by their first exposure")
                .register(registry);
    }

    /** A checked exposure bound for a variant. */
    private record Valid(int index, IngestItems.Exposure item, UUID experimentId, String variant) {
    }

    public Uni<IngestResult> ingest(List<IngestItems.Parsed<IngestItems.Exposure>> items) {
        Set<String> keys = new HashSet<>();
        items.stream().filter(IngestItems.Parsed::ok).forEach(p -> keys.add(p.item().experimentKey()));
        return refs.load(keys, List.of()).flatMap(found -> {
            List<IngestResult.RejectedItem> rejected = new ArrayList<>();
            List<Valid> valid = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                IngestItems.Parsed<IngestItems.Exposure> parsed = items.get(i);
                if (!parsed.ok()) {
                    rejected.add(new IngestResult.RejectedItem(i, null, parsed.issues()));
                    continue;
                }
                IngestItems.Exposure e = parsed.item();
                ExperimentRefs.Ref ref = found.byKey().get(e.experimentKey());
                String problem = null;
                String field = "experimentKey";
                String variant = e.variant();
                if (ref == null) {
                    problem = "unknown experiment '" + e.experimentKey() + "'";
                } else if (ref.state() != ExperimentState.RUNNING) {
                    problem = "experiment '" + e.experimentKey() + "' is " + ref.state() + ", not RUNNING";
                } else if (variant != null && !ref.variants().contains(variant)) {
                    field = "variant";
                    problem = "not a variant of '" + e.experimentKey() + "', one of " + ref.variants();
                } else if (variant == null && found.heldOut(ref, e.unitId())) {
                    field = "unitId";
                    problem = "the unit is in the system's holdout, kept out of experiments started since it began; "
                            + "name the variant it saw";
                } else if (variant == null && (variant = ref.allocation().assign(e.unitId())) == null) {
                    field = "unitId";
                    problem = "the unit is outside the experiment's traffic fraction; name the variant it saw";
                }
                if (problem != null) {
                    rejected.add(new IngestResult.RejectedItem(i, e.id(), List.of(new FieldIssue(field, problem))));
                } else {
                    valid.add(new Valid(i, e, ref.id(), variant));
                }
            }
            return Retries.onConflict(() -> pool.withTransaction(conn -> store(conn, valid, found)))
                    .map(stored -> new IngestResult(stored[0], stored[1], 0, rejected));
        });
    }

    /** Returns {accepted, duplicates}. */
    private Uni<int[]> store(SqlConnection conn, List<Valid> valid, ExperimentRefs.Found found) {
        Map<String, Valid> byId = new LinkedHashMap<>();
        valid.forEach(v -> byId.putIfAbsent(v.item().id(), v));
        int repeatedInBatch = valid.size() - byId.size();
        return ledger.recordNew(conn, new ArrayList<>(byId.keySet())).flatMap(fresh -> {
            // The earliest new exposure of each unit is its first.
            Map<String, Valid> firstByUnit = new LinkedHashMap<>();
            for (Valid v : byId.values()) {
                if (fresh.contains(v.item().id())) {
                    firstByUnit.merge(v.experimentId() + "\u0000" + v.item().unitId(), v,
                            (a, b) -> b.item().at().isBefore(a.item().at()) ? b : a);
                }
            }
            int[] counts = { fresh.size(), byId.size() - fresh.size() + repeatedInBatch };
            if (firstByUnit.isEmpty()) {
                return Uni.createFrom().item(counts);
            }
            List<Valid> units = new ArrayList<>(firstByUnit.values());
            units.sort(Comparator.comparing((Valid v) -> v.experimentId()).thenComparing(v -> v.item().unitId()));
            UUID[] experiments = new UUID[units.size()];
            String[] unitIds = new String[units.size()];
            String[] variants = new String[units.size()];
            OffsetDateTime[] at = new OffsetDateTime[units.size()];
            Double[] covariates = new Double[units.size()];
            String[] segments = new String[units.size()];
            for (int i = 0; i < units.size(); i++) {
                Valid v = units.get(i);
                segments[i] = v.item().segments().isEmpty() ? null : segmentsJson(v.item().segments());
                experiments[i] = v.experimentId();
                unitIds[i] = v.item().unitId();
                variants[i] = v.variant();
                at[i] = v.item().at().atOffset(ZoneOffset.UTC);
                covariates[i] = v.item().covariate();
            }
            return conn.preparedQuery(ENROL).execute(Tuple.of(experiments, unitIds, variants, at, covariates, segments))
                    .flatMap(waiting -> fold(conn, waiting, found)).map(newUnits -> {
                        accepted.increment(fresh.size());
                        enrolled.increment(newUnits);
                        return counts;
                    });
        });
    }

    /** {"dimension":"value",...} in key order, escaped as JSON strings. */
    static String segmentsJson(java.util.SortedMap<String, String> segments) {
        StringBuilder json = new StringBuilder("{");
        segments.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(io.vertx.core.json.Json.encode(k)).append(':').append(io.vertx.core.json.Json.encode(v));
        });
        return json.append('}').toString();
    }

    /** Folds the waiting outcomes; returns how many units were enrolled (the row without a unit). */
    private Uni<Long> fold(SqlConnection conn, io.vertx.mutiny.sqlclient.RowSet<Row> result,
            ExperimentRefs.Found found) {
        List<Row> rows = new ArrayList<>();
        long enrolledUnits = 0;
        for (Row row : result) {
            if (row.getUUID("experiment_id") == null) {
                enrolledUnits = row.getLong("enrolled");
            } else {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(enrolledUnits);
        }
        UUID[] experiments = new UUID[rows.size()];
        String[] unitIds = new String[rows.size()];
        String[] variants = new String[rows.size()];
        Double[] covariates = new Double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            experiments[i] = rows.get(i).getUUID("experiment_id");
            unitIds[i] = rows.get(i).getString("unit_id");
            variants[i] = rows.get(i).getString("variant");
            covariates[i] = rows.get(i).getDouble("covariate");
        }
        Uni<?> folded = conn.preparedQuery(FOLD).execute(Tuple.of(experiments, unitIds, variants, covariates));
        ExperimentRefs.RatioColumns r = found.ratioColumns(experiments);
        if (r != null) {
            folded = folded.flatMap(x -> conn.preparedQuery(FOLD_RATIOS).execute(Tuple.of(experiments, unitIds, variants,
                    r.experimentIds(), r.numerators(), r.denominators())));
        }
        ExperimentRefs.QuantileColumns q = found.quantileColumns(experiments);
        if (q != null) {
            folded = folded.flatMap(x -> conn.preparedQuery(FOLD_VALUE_COUNTS).execute(Tuple.of(experiments, unitIds,
                    variants, q.experimentIds(), q.metrics())));
        }
        return folded.replaceWith(enrolledUnits);
    }
}
