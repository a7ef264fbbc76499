package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What shipped on a system in a window: experiments concluded with {@code SHIP:<variant>} and rollouts that
 * completed. A holdout measures the cumulative impact of these against its held-out units.
 */
@ApplicationScoped
public class ShippedChanges {

    private static final String SHIPPED = """
            select 'EXPERIMENT' as kind, key, substring(decision from 6) as variant, concluded_at as at
              from experiments.experiments
             where system_key = $1 and decision like 'SHIP:%' and concluded_at >= $2 and concluded_at < $3
            union all
            select 'ROLLOUT', key, variant, updated_at from experiments.rollouts
             where system_key = $1 and state = 'COMPLETED' and updated_at >= $2 and updated_at < $3
             order by at, key""";

    /**
     * One change that shipped.
     *
     * @param kind EXPERIMENT (concluded with SHIP) or ROLLOUT (completed)
     * @param key the experiment's or rollout's key
     * @param variant what shipped
     * @param at when it was concluded or completed
     */
    public record Change(String kind, String key, String variant, Instant at) {

        /** {@code key:variant} for an experiment, {@code rollout:key} for a rollout. */
        public String label() {
            return "ROLLOUT".equals(kind) ? "rollout:" + key : key + ":" + variant;
        }
    }

    private final Pool pool;

    public ShippedChanges(Pool pool) {
        this.pool = pool;
    }

    /** What shipped on {@code systemKey} in [from, to). */
    public Uni<List<Change>> between(String systemKey, Instant from, Instant to) {
        return pool.preparedQuery(SHIPPED).execute(Tuple.of(systemKey, from.atOffset(java.time.ZoneOffset.UTC),
                to.atOffset(java.time.ZoneOffset.UTC))).map(rows -> {
                    List<Change> changes = new ArrayList<>();
                    for (Row r : rows) {
                        changes.add(new Change(r.getString("kind"), r.getString("key"), r.getString("variant"),
                                r.getOffsetDateTime("at").toInstant()));
                    }
                    return changes;
                });
    }
}
