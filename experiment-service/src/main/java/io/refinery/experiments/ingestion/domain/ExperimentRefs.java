package io.refinery.experiments.ingestion.domain;

import java.util.ArrayList;
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
import io.refinery.experiments.experiment.design.GuardrailSpec;
import io.refinery.experiments.experiment.design.MetricSpec;
import io.refinery.experiments.experiment.design.VariantSpec;
import io.refinery.experiments.experiment.domain.ExperimentState;
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

    private static final String LOAD = "select id, key, system_key, state, traffic_fraction, variants, primary_metric,"
            + " guardrails from experiments.experiments where key = any($1)"
            + " or (system_key = any($2) and state in ('RUNNING', 'STOPPED'))";
    private static final TypeReference<List<VariantSpec>> VARIANTS = new TypeReference<>() {
    };
    private static final TypeReference<List<GuardrailSpec>> GUARDRAILS = new TypeReference<>() {
    };

    /** One experiment as ingestion sees it. */
    public record Ref(UUID id, String key, String systemKey, ExperimentState state, Set<String> variants,
            Set<String> metrics, Allocation allocation) {
    }

    /** The experiments found, by key, and those RUNNING or STOPPED, by system. */
    public record Found(Map<String, Ref> byKey, Map<String, List<Ref>> bySystem) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    public ExperimentRefs(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    public Uni<Found> load(Collection<String> experimentKeys, Collection<String> systemKeys) {
        if (experimentKeys.isEmpty() && systemKeys.isEmpty()) {
            return Uni.createFrom().item(new Found(Map.of(), Map.of()));
        }
        return pool.preparedQuery(LOAD)
                .execute(Tuple.of(experimentKeys.toArray(new String[0]), systemKeys.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Ref> byKey = new HashMap<>();
                    Map<String, List<Ref>> bySystem = new HashMap<>();
                    for (Row row : rows) {
                        Ref ref = ref(row);
                        byKey.put(ref.key(), ref);
                        if (ref.state() == ExperimentState.RUNNING || ref.state() == ExperimentState.STOPPED) {
                            bySystem.computeIfAbsent(ref.systemKey(), s -> new ArrayList<>()).add(ref);
                        }
                    }
                    return new Found(byKey, bySystem);
                });
    }

    private Ref ref(Row row) {
        try {
            String key = row.getString("key");
            List<VariantSpec> variants = mapper.readValue(row.getString("variants"), VARIANTS);
            Set<String> metrics = new HashSet<>();
            metrics.add(mapper.readValue(row.getString("primary_metric"), MetricSpec.class).name());
            mapper.readValue(row.getString("guardrails"), GUARDRAILS).forEach(g -> metrics.add(g.name()));
            Set<String> variantKeys = new HashSet<>();
            variants.forEach(v -> variantKeys.add(v.key()));
            Allocation allocation = new Allocation(key, row.getDouble("traffic_fraction"),
                    variants.stream().map(VariantSpec::key).toList(), variants.stream().map(VariantSpec::weight).toList());
            return new Ref(row.getUUID("id"), key, row.getString("system_key"),
                    ExperimentState.valueOf(row.getString("state")), variantKeys, metrics, allocation);
        } catch (Exception e) {
            throw new IllegalStateException("stored experiment is unreadable", e);
        }
    }
}
