package io.refinery.feedback.insight.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A system's most frequent themes over [from, to) with their share of its items, and its theme spikes in that span. */
@ApplicationScoped
public class ThemeOverview {

    @RegisterForReflection
    public record ThemeShare(String theme, long count, double share, double meanSentiment) {
    }

    @RegisterForReflection
    public record SpikeView(UUID id, String theme, Instant periodStart, Instant periodEnd, long count, long items,
            long countBefore, long itemsBefore, double ratio, double z, double p) {
    }

    @RegisterForReflection
    public record Overview(String systemKey, Instant from, Instant to, long items, List<ThemeShare> themes,
            List<SpikeView> spikes) {
    }

    private static final String ITEMS = "select count(*) as n from feedback.feedback_items"
            + " where system_key = $1 and occurred_at >= $2 and occurred_at < $3";
    private static final String TOP = "select t, count(*) as n, avg(sentiment) as mean from feedback.feedback_items"
            + " cross join lateral unnest(themes) as t where system_key = $1 and occurred_at >= $2 and occurred_at < $3"
            + " group by t order by n desc, t limit $4";
    private static final String SPIKES = "select * from feedback.theme_spikes where system_key = $1 and period_start >= $2"
            + " and period_start < $3 order by period_start desc, ratio desc limit $4";

    private final Pool pool;

    public ThemeOverview(Pool pool) {
        this.pool = pool;
    }

    public Uni<Overview> of(String systemKey, Instant from, Instant to, int limit) {
        Tuple span = Tuple.of(systemKey, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC));
        Tuple limited = Tuple.of(systemKey, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit);
        return pool.preparedQuery(ITEMS).execute(span).flatMap(count -> {
            long items = count.iterator().next().getLong("n");
            return pool.preparedQuery(TOP).execute(limited).flatMap(top -> pool.preparedQuery(SPIKES).execute(limited)
                    .map(spikeRows -> {
                        List<ThemeShare> themes = new ArrayList<>();
                        for (Row r : top) {
                            long n = r.getLong("n");
                            themes.add(new ThemeShare(r.getString("t"), n, Math.round(10_000.0 * n / items) / 10_000.0,
                                    Math.round(r.getDouble("mean") * 10_000) / 10_000.0));
                        }
                        List<SpikeView> spikes = new ArrayList<>();
                        for (Row r : spikeRows) {
                            spikes.add(new SpikeView(r.getUUID("id"), r.getString("theme"),
                                    r.getOffsetDateTime("period_start").toInstant(), r.getOffsetDateTime("period_end").toInstant(),
                                    r.getLong("count_now"), r.getLong("items_now"), r.getLong("count_before"),
                                    r.getLong("items_before"), r.getDouble("ratio"), r.getDouble("z"), r.getDouble("p")));
                        }
                        return new Overview(systemKey, from, to, items, themes, spikes);
                    }));
        });
    }
}
