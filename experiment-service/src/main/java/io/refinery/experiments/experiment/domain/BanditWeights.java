package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.refinery.experiments.analysis.results.BanditPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The stored weights of each bandit, every version kept ({@code experiments.bandit_weights}). */
@ApplicationScoped
public class BanditWeights {

    private static final String HISTORY = "select version, computed_at, reason, weights, probability_best, units"
            + " from experiments.bandit_weights where experiment_id = $1 order by version";
    private static final String INSERT = "insert into experiments.bandit_weights (experiment_id, version, computed_at,"
            + " reason, weights, probability_best, units) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    private static final TypeReference<Map<String, Double>> DOUBLES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Long>> LONGS = new TypeReference<>() {
    };

    /**
     * One stored version.
     *
     * @param reason START, BURN_IN, THOMPSON or FROZEN
     * @param probabilityBest per variant when computed, else null
     * @param units exposed units per variant when computed
     */
    public record Stored(int version, Instant computedAt, String reason, Map<String, Double> weights,
            Map<String, Double> probabilityBest, Map<String, Long> units) {

        public BanditPolicy.Version served() {
            return new BanditPolicy.Version(version, weights, units);
        }
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    public BanditWeights(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Every version of the experiment's weights, oldest first. */
    public Uni<List<Stored>> history(UUID experimentId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(experimentId)).map(rows -> {
            List<Stored> versions = new ArrayList<>();
            for (Row r : rows) {
                versions.add(new Stored(r.getInteger("version"), r.getOffsetDateTime("computed_at").toInstant(),
                        r.getString("reason"), read(r.getString("weights"), DOUBLES),
                        r.getString("probability_best") == null ? null : read(r.getString("probability_best"), DOUBLES),
                        read(r.getString("units"), LONGS)));
            }
            return versions;
        });
    }

    /** Appends a version, in the caller's (Hibernate Reactive) transaction. */
    Uni<Void> append(UUID experimentId, int version, Instant at, BanditPolicy.Step step, Map<String, Long> units) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(INSERT).setParameter(1, experimentId)
                .setParameter(2, version).setParameter(3, at.atOffset(ZoneOffset.UTC)).setParameter(4, step.reason())
                .setParameter(5, write(step.weights()))
                .setParameter(6, step.probabilityBest() == null ? null : write(step.probabilityBest()))
                .setParameter(7, write(units)).executeUpdate()).replaceWithVoid();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException("bandit weights are not serialisable", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException("stored bandit weights are unreadable", e);
        }
    }
}
