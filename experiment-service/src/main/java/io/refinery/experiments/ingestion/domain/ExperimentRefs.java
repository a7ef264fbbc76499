package io.refinery.experiments.ingestion.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.experiments.assignment.allocation.Allocation;
import io.refinery.experiments.assignment.allocation.Holdout;
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.experiment.domain.ExperimentState;
import io.refinery.experiments.stats.MetricType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What ingestion needs to know about the experiments a batch names, read from the database once per batch (not
 * from the assignment snapshot, which may lag another replica's start by a refresh interval).
 */
@ApplicationScoped
public class ExperimentRefs {

    private static final String LOAD = "select e.id, e.key, e.system_key, e.kind, e.state, e.traffic_fraction,"
            + " e.variants, e.primary_metric, e.guardrails, e.started_at, w.weights as bandit_weights"
            + " from experiments.experiments e left join lateral (select b.weights from experiments.bandit_weights b"
            + " where b.experiment_id = e.id order by b.version desc limit 1) w on e.bandit is not null"
            + " where e.key = any($1) or (e.system_key = any($2) and e.state in ('RUNNING', 'STOPPED'))"
            + " or (e.kind = 'HOLDOUT' and e.state = 'RUNNING' and e.system_key in"
            + " (select n.system_key from experiments.experiments n where n.key = any($1)))";
    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() {
    };
    private static final TypeReference<List<VariantSpec>> VARIANTS = new TypeReference<>() {
    };
    private static final TypeReference<List<GuardrailSpec>> GUARDRAILS = new TypeReference<>() {
    };

    /**
     * One experiment as ingestion sees it.
     *
     * @param metrics every metric it measures, ratio denominators included
     * @param ratios its RATIO metrics (primary and guardrails), whose Σ N·D ingestion keeps per variant
     * @param quantileMetrics its QUANTILE metrics, whose units ingestion counts per value and variant
     * @param holdout whether it is a holdout (kind HOLDOUT)
     * @param startedAt when it started, null while DRAFT
     */
    public record Ref(UUID id, String key, String systemKey, ExperimentState state, Set<String> variants,
            Set<String> metrics, List<Ratio> ratios, List<String> quantileMetrics, Allocation allocation,
            boolean holdout, Instant startedAt) {
    }

    /** A ratio metric: Σ numerator over Σ denominator, two metrics as outcomes carry them. */
    public record Ratio(String numerator, String denominator) {
    }

    /**
     * The experiments found, by key, and those RUNNING or STOPPED, by system; and the running holdout of each system
     * an experiment of the batch belongs to.
     */
    public record Found(Map<String, Ref> byKey, Map<String, List<Ref>> bySystem, Map<String, Holdout> holdouts) {

        /** Whether the system's running holdout keeps {@code unitId} out of {@code ref} (started since it began). */
        public boolean heldOut(Ref ref, String unitId) {
            Holdout holdout = holdouts.get(ref.systemKey());
            return holdout != null && holdout.holdsOut(ref.key(), ref.startedAt(), unitId);
        }

        private Map<UUID, Ref> byId() {
            Map<UUID, Ref> byId = new HashMap<>();
            byKey.values().forEach(r -> byId.put(r.id(), r));
            return byId;
        }

        /** The ratio metrics of the experiments among {@code experimentIds}, as columns for an unnest; null if none. */
        public RatioColumns ratioColumns(UUID[] experimentIds) {
            Map<UUID, Ref> byId = byId();
            List<UUID> ids = new ArrayList<>();
            List<String> numerators = new ArrayList<>();
            List<String> denominators = new ArrayList<>();
            for (UUID id : new HashSet<>(Arrays.asList(experimentIds))) {
                Ref ref = byId.get(id);
                for (Ratio r : ref == null ? List.<Ratio> of() : ref.ratios()) {
                    ids.add(id);
                    numerators.add(r.numerator());
                    denominators.add(r.denominator());
                }
            }
            return ids.isEmpty() ? null : new RatioColumns(ids.toArray(new UUID[0]), numerators.toArray(new String[0]),
                    denominators.toArray(new String[0]));
        }

        /** The QUANTILE metrics of the experiments among {@code experimentIds}, as columns; null if none. */
        public QuantileColumns quantileColumns(UUID[] experimentIds) {
            Map<UUID, Ref> byId = byId();
            List<UUID> ids = new ArrayList<>();
            List<String> metrics = new ArrayList<>();
            for (UUID id : new HashSet<>(Arrays.asList(experimentIds))) {
                Ref ref = byId.get(id);
                for (String metric : ref == null ? List.<String> of() : ref.quantileMetrics()) {
                    ids.add(id);
                    metrics.add(metric);
                }
            }
            return ids.isEmpty() ? null : new QuantileColumns(ids.toArray(new UUID[0]), metrics.toArray(new String[0]));
        }
    }

    /** QUANTILE metrics as two parallel arrays: experiment id, metric. */
    public record QuantileColumns(UUID[] experimentIds, String[] metrics) {
    }

    /** Ratio metrics as three parallel arrays: experiment id, numerator, denominator. */
    public record RatioColumns(UUID[] experimentIds, String[] numerators, String[] denominators) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    public ExperimentRefs(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Found> load(Collection<String> experimentKeys, Collection<String> systemKeys) {
        if (experimentKeys.isEmpty() && systemKeys.isEmpty()) {
            return Uni.createFrom().item(new Found(Map.of(), Map.of(), Map.of()));
        }
        return pool.preparedQuery(LOAD)
                .execute(Tuple.of(experimentKeys.toArray(new String[0]), systemKeys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Ref> byKey = new HashMap<>();
                    Map<String, List<Ref>> bySystem = new HashMap<>();
                    Map<String, Holdout> holdouts = new HashMap<>();
                    for (Row row : rows) {
                        Ref ref = ref(row);
                        byKey.put(ref.key(), ref);
                        if (ref.holdout() && ref.state() == ExperimentState.RUNNING) {
                            holdouts.put(ref.systemKey(), new Holdout(ref.key(), ref.allocation(), ref.startedAt()));
                        }
                        if (ref.state() == ExperimentState.RUNNING || ref.state() == ExperimentState.STOPPED) {
                            bySystem.computeIfAbsent(ref.systemKey(), s -> new ArrayList<>()).add(ref);
                        }
                    }
                    return new Found(byKey, bySystem, holdouts);
                });
    }

    private static void metric(String name, String denominator, Set<String> metrics, List<Ratio> ratios) {
        metrics.add(name);
        if (denominator != null) {
            metrics.add(denominator);
            ratios.add(new Ratio(name, denominator));
        }
    }

    private Ref ref(Row row) {
        try {
            String key = row.getString("key");
            List<VariantSpec> variants = mapper.readValue(row.getString("variants"), VARIANTS);
            Set<String> metrics = new HashSet<>();
            List<Ratio> ratios = new ArrayList<>();
            List<String> quantileMetrics = new ArrayList<>();
            MetricSpec primary = mapper.readValue(row.getString("primary_metric"), MetricSpec.class);
            metric(primary.name(), primary.denominator(), metrics, ratios);
            if (primary.type() == MetricType.QUANTILE) {
                quantileMetrics.add(primary.name());
            }
            for (GuardrailSpec g : mapper.readValue(row.getString("guardrails"), GUARDRAILS)) {
                metric(g.name(), g.denominator(), metrics, ratios);
                if (g.type() == MetricType.QUANTILE && !quantileMetrics.contains(g.name())) {
                    quantileMetrics.add(g.name());
                }
            }
            Set<String> variantKeys = new HashSet<>();
            variants.forEach(v -> variantKeys.add(v.key()));
            // A bandit assigns by its latest weights, as the assignment snapshot does.
            Map<String, Double> weights = row.getString("bandit_weights") == null ? Map.of()
                    : mapper.readValue(row.getString("bandit_weights"), WEIGHTS);
            Allocation allocation = new Allocation(key, row.getDouble("traffic_fraction"),
                    variants.stream().map(VariantSpec::key).toList(),
                    variants.stream().map(v -> weights.getOrDefault(v.key(), v.weight())).toList());
            return new Ref(row.getUUID("id"), key, row.getString("system_key"),
                    ExperimentState.valueOf(row.getString("state")), variantKeys, metrics, List.copyOf(ratios),
                    List.copyOf(quantileMetrics), allocation, "HOLDOUT".equals(row.getString("kind")),
                    row.getOffsetDateTime("started_at") == null ? null : row.getOffsetDateTime("started_at").toInstant());
        } catch (Exception e) {
            throw new IllegalStateException("stored experiment is unreadable", e);
        }
    }
}
