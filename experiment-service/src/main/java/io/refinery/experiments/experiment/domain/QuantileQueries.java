package io.refinery.experiments.experiment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.analysis.results.VariantData;
import io.refinery.experiments.stats.QuantileStatistic;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The QUANTILE metrics' statistics of an experiment, computed in PostgreSQL from the exposed units' values (a
 * quantile has no running sum): first how many exposed units reported the metric per variant, then, with the
 * order-statistic ranks {@link QuantileStatistic#ranks} gives for those counts, the type-7 estimate
 * ({@code percentile_cont}) and the two order statistics ({@code percentile_disc} at (rank − ½)/n, which is exactly
 * that rank) in one sort per variant. The cost grows with the units, unlike the other metric types (BENCHMARKS.md).
 */
@ApplicationScoped
public class QuantileQueries {

    private static final String COUNTS = """
            select u.variant, count(*) as n
            from experiments.unit_outcomes o
            join experiments.units u on u.experiment_id = o.experiment_id and u.unit_id = o.unit_id
            where o.experiment_id = $1 and o.metric = $2 and u.variant is not null
            group by u.variant""";

    private static final String QUANTILES = """
            with f as (
              select * from unnest($4::text[], $5::float8[], $6::float8[]) as f(variant, lower_at, upper_at)
            )
            select u.variant, count(*) as n, percentile_cont($3) within group (order by o.value::float8) as estimate,
                   percentile_disc(f.lower_at) within group (order by o.value::float8) as lower,
                   percentile_disc(f.upper_at) within group (order by o.value::float8) as upper
            from experiments.unit_outcomes o
            join experiments.units u on u.experiment_id = o.experiment_id and u.unit_id = o.unit_id
            join f on f.variant = u.variant
            where o.experiment_id = $1 and o.metric = $2
            group by u.variant, f.lower_at, f.upper_at""";

    private final Pool pool;

    public QuantileQueries(Pool pool) {
        this.pool = pool;
    }

    /** A QUANTILE metric of a design: its name and quantile. */
    public record QuantileMetric(String name, double quantile) {
    }

    /** Per variant, keyed {@link VariantData#quantileKey}: every metric's statistic (variants without values omitted). */
    public Uni<Map<String, Map<String, QuantileStatistic>>> load(UUID experimentId, List<QuantileMetric> metrics) {
        Map<String, Map<String, QuantileStatistic>> byVariant = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (QuantileMetric m : metrics) {
            chain = chain.flatMap(x -> one(experimentId, m).invoke(stats -> stats.forEach((variant, q) -> byVariant
                    .computeIfAbsent(variant, v -> new HashMap<>()).put(VariantData.quantileKey(m.name(), m.quantile()), q))))
                    .replaceWithVoid();
        }
        return chain.replaceWith(byVariant);
    }

    private Uni<Map<String, QuantileStatistic>> one(UUID experimentId, QuantileMetric m) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(experimentId, m.name())).flatMap(counts -> {
            List<String> variants = new ArrayList<>();
            List<Double> lowerAt = new ArrayList<>();
            List<Double> upperAt = new ArrayList<>();
            for (Row row : counts) {
                long n = row.getLong("n");
                long[] ranks = QuantileStatistic.ranks(n, m.quantile());
                variants.add(row.getString("variant"));
                // Without an interval, any fraction will do: the ends are dropped below.
                lowerAt.add(ranks == null ? 0.5 : (ranks[0] - 0.5) / n);
                upperAt.add(ranks == null ? 0.5 : (ranks[1] - 0.5) / n);
            }
            if (variants.isEmpty()) {
                return Uni.createFrom().item(Map.<String, QuantileStatistic> of());
            }
            return pool.preparedQuery(QUANTILES).execute(Tuple.tuple(List.of(experimentId, m.name(), m.quantile(),
                    variants.toArray(new String[0]), lowerAt.toArray(new Double[0]), upperAt.toArray(new Double[0]))))
                    .map(rows -> {
                        Map<String, QuantileStatistic> stats = new HashMap<>();
                        for (Row row : rows) {
                            long n = row.getLong("n");
                            boolean interval = QuantileStatistic.ranks(n, m.quantile()) != null;
                            stats.put(row.getString("variant"), new QuantileStatistic(n, m.quantile(),
                                    row.getDouble("estimate"), interval ? row.getDouble("lower") : Double.NaN,
                                    interval ? row.getDouble("upper") : Double.NaN));
                        }
                        return stats;
                    });
        });
    }
}
