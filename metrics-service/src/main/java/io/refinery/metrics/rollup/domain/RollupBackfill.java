package io.refinery.metrics.rollup.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Publishes a system's closed daily rollups again, day by day in time order, as the day close would have: for history
 * loaded after its days closed (a system onboarded with its past quarter, a replayed outage), which the day close
 * never sees. The events go through the outbox in one transaction; consumers keep one row per system, metric and day,
 * so publishing a day twice changes nothing downstream.
 */
@ApplicationScoped
public class RollupBackfill {

    /** The longest range one call may publish. */
    public static final int MAX_DAYS = 400;

    private static final String DAYS = "select " + DayCloser.COLUMNS + ", extract(epoch from bucket)::bigint"
            + " from metrics.rollups where step = 'P1D' and system_key = ?1 and bucket >= ?2 and bucket < ?3"
            + " order by bucket, metric, segment";

    private final Outbox outbox;
    private final Duration grace;

    public RollupBackfill(Outbox outbox,
            @ConfigProperty(name = "refinery.rules.close-grace", defaultValue = "PT5M") Duration grace) {
        this.outbox = outbox;
        this.grace = grace;
    }

    /** What a backfill published: the days that had data and the events appended. */
    public record Published(String systemKey, Instant from, Instant to, int days, int events) {
    }

    /** The end of the last closed day as of {@code now}: days starting before it have closed. */
    public Instant closedUntil(Instant now) {
        return Step.P1D.periodStart(now.minus(grace));
    }

    /** Publishes the closed days of {@code systemKey} that start in [from, to); the caller checked the range. */
    @WithTransaction
    public Uni<Published> publish(String systemKey, Instant from, Instant to) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(DAYS, Object[].class).setParameter(1, systemKey)
                .setParameter(2, from.atOffset(ZoneOffset.UTC)).setParameter(3, to.atOffset(ZoneOffset.UTC))
                .getResultList())
                .flatMap(rows -> {
                    Map<Instant, List<Object[]>> byDay = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byDay.computeIfAbsent(Instant.ofEpochSecond(((Number) row[10]).longValue()), d -> new ArrayList<>()).add(row);
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<Instant, List<Object[]>> day : byDay.entrySet()) {
                        chain = chain.flatMap(n -> DayCloser.publish(outbox, day.getKey(), day.getValue()).map(k -> n + k));
                    }
                    return chain.map(events -> new Published(systemKey, from, to, byDay.size(), events));
                });
    }
}
