package io.refinery.experiments.experiment.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.stats.ArmStatistic;
import io.refinery.experiments.stats.InteractionTest;
import io.refinery.experiments.stats.MetricType;
import io.refinery.experiments.stats.ProportionStatistic;
import io.refinery.experiments.stats.SampleMeanStatistic;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Interactions between an experiment and every other experiment of the same AI system that shares units with it
 * ({@link InteractionTest}): the variant × variant table of the shared units, and the first experiment's primary
 * metric per cell (BINOMIAL or CONTINUOUS; a RATIO or QUANTILE metric gets the assignment test only). One query joins
 * the experiment's units with the others' on the unit, so the cost grows with the experiment's units (an on-demand
 * analysis, not part of every results read).
 */
@ApplicationScoped
public class ExperimentInteractions {

    private static final String OTHERS = "select id, key, variants from experiments.experiments"
            + " where system_key = $1 and id <> $2 and state <> 'DRAFT' and kind <> 'HOLDOUT' order by key";

    private static final String CELLS = """
            select b.experiment_id as other, a.variant, b.variant as other_variant, count(*) as n,
                   coalesce(sum(o.value::float8), 0) as sum, coalesce(sum(o.value::float8 * o.value::float8), 0) as sum_sq,
                   count(*) filter (where o.value > 0) as conversions
            from experiments.units a
            join experiments.units b on b.experiment_id = any($2) and b.unit_id = a.unit_id
            left join experiments.unit_outcomes o
              on o.experiment_id = a.experiment_id and o.unit_id = a.unit_id and o.metric = $3
            where a.experiment_id = $1 and a.variant is not null and b.variant is not null
            group by 1, 2, 3""";

    /** What the report says about one other experiment. */
    public record Pair(String otherExperimentKey, long sharedUnits, List<String> variants, List<String> otherVariants,
            List<List<Long>> units, InteractionTest.Independence assignment, List<Effect> effects, boolean interacting,
            String message) {
    }

    /** One difference of differences on the primary metric: this treatment's effect under the other's variant. */
    public record Effect(String variant, String otherVariant, Double interaction, Double standardError, Double pValue,
            Double adjustedPValue, Boolean significant, String status) {
    }

    /** The report for one experiment. */
    public record Report(String experimentKey, String systemKey, String metric, String metricType, double alpha,
            List<Pair> others) {

        /** The experiments this one interacts with, as results flag them. */
        public List<Flag> flags() {
            return others.stream().filter(Pair::interacting).map(p -> new Flag(p.otherExperimentKey(), p.sharedUnits(),
                    Boolean.TRUE.equals(p.assignment().dependent()) ? "ASSIGNMENT_DEPENDENT" : "EFFECT_INTERACTION"))
                    .toList();
        }
    }

    /**
     * An experiment this one interacts with.
     *
     * @param reason ASSIGNMENT_DEPENDENT (the two assignments are not independent) or EFFECT_INTERACTION (a
     *     treatment's effect differs with the other's variant)
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Flag(String otherExperimentKey, long sharedUnits, String reason) {
    }

    private final Pool pool;
    private final ExperimentJson json;

    public ExperimentInteractions(Pool pool, ExperimentJson json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<Report> of(Experiment e) {
        MetricSpec metric = json.design(e).primaryMetric();
        boolean effects = metric.type() == MetricType.BINOMIAL || metric.type() == MetricType.CONTINUOUS;
        return pool.preparedQuery(OTHERS).execute(Tuple.of(e.systemKey, e.id)).flatMap(others -> {
            Map<UUID, String> keys = new HashMap<>();
            Map<UUID, List<String>> variants = new HashMap<>();
            for (Row row : others) {
                keys.put(row.getUUID("id"), row.getString("key"));
                variants.put(row.getUUID("id"), VariantSpec.keysControlFirst(json.readVariants(row.getString("variants"))));
            }
            if (keys.isEmpty()) {
                return Uni.createFrom().item(new Report(e.key, e.systemKey, metric.name(), metric.type().name(),
                        e.alpha, List.of()));
            }
            return UnitScans.run(pool, CELLS, Tuple.of(e.id, keys.keySet().toArray(new UUID[0]), metric.name()))
                    .map(rows -> {
                        Map<UUID, List<Row>> byOther = new HashMap<>();
                        rows.forEach(r -> byOther.computeIfAbsent(r.getUUID("other"), x -> new ArrayList<>()).add(r));
                        List<String> mine = VariantSpec.keysControlFirst(json.variants(e));
                        List<Pair> pairs = new ArrayList<>();
                        for (Map.Entry<UUID, List<Row>> entry : byOther.entrySet()) {
                            pairs.add(pair(keys.get(entry.getKey()), mine, variants.get(entry.getKey()), entry.getValue(),
                                    metric.type(), effects, e.alpha));
                        }
                        pairs.sort(java.util.Comparator.comparing(Pair::otherExperimentKey));
                        return new Report(e.key, e.systemKey, metric.name(), metric.type().name(), e.alpha, pairs);
                    });
        });
    }

    private static Pair pair(String otherKey, List<String> mine, List<String> theirs, List<Row> rows, MetricType type,
            boolean withEffects, double alpha) {
        long[][] counts = new long[mine.size()][theirs.size()];
        ArmStatistic[][] cells = new ArmStatistic[mine.size()][theirs.size()];
        for (int i = 0; i < mine.size(); i++) {
            for (int j = 0; j < theirs.size(); j++) {
                cells[i][j] = type == MetricType.BINOMIAL ? new ProportionStatistic(0, 0) : SampleMeanStatistic.EMPTY;
            }
        }
        long shared = 0;
        for (Row r : rows) {
            int i = mine.indexOf(r.getString("variant"));
            int j = theirs.indexOf(r.getString("other_variant"));
            if (i < 0 || j < 0) {
                continue;
            }
            long n = r.getLong("n");
            counts[i][j] = n;
            shared += n;
            cells[i][j] = type == MetricType.BINOMIAL ? new ProportionStatistic(n, Math.min(n, r.getLong("conversions")))
                    : new SampleMeanStatistic(n, r.getDouble("sum"), r.getDouble("sum_sq"));
        }
        InteractionTest.Independence assignment = InteractionTest.independence(counts);
        List<Effect> effects = new ArrayList<>();
        String message = null;
        if (withEffects) {
            for (InteractionTest.Contrast c : InteractionTest.effects(cells, alpha)) {
                effects.add(new Effect(mine.get(c.row()), theirs.get(c.column()), c.interaction(), c.standardError(),
                        c.pValue(), c.adjustedPValue(), c.significant(), c.status().name()));
            }
        } else {
            message = "effect interaction is tested for BINOMIAL and CONTINUOUS primary metrics; this one is " + type;
        }
        boolean interacting = Boolean.TRUE.equals(assignment.dependent())
                || effects.stream().anyMatch(x -> Boolean.TRUE.equals(x.significant()));
        List<List<Long>> table = new ArrayList<>();
        for (long[] row : counts) {
            table.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return new Pair(otherKey, shared, mine, theirs, table, assignment, effects, interacting, message);
    }
}
