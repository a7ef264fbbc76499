package io.refinery.oversight.console.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.oversight.console.attention.Attention;
import io.refinery.oversight.review.rules.ReviewState;
import io.refinery.platform.events.AlertFired;
import io.refinery.platform.events.AlertResolved;
import io.refinery.platform.events.LifecycleEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every AI system's health in a few grouped reads of this service's own tables: the registry, the queue
 * ({@code reviews}: pending and overdue per system) and the timeline of the other services' events it already hears
 * ({@code timeline_events}: alerts, drift and experiment coverage). No other service is called, so the portfolio is
 * as available as oversight itself.
 */
@ApplicationScoped
public class Portfolio {

    /** The window of "recent" counts (alerts fired, drift detections, experiments started). */
    public static final int WINDOW_DAYS = 30;
    /** How many systems one portfolio page lists. */
    public static final int LIMIT = 500;
    private static final String STARTED = LifecycleEvent.ExperimentStarted.TYPE;

    private static final String SYSTEMS = """
            select system_key, name, kind, owner_team, brand_impact, financial_impact, customer_impact
              from oversight.ai_systems order by system_key limit $1
            """;
    private static final String RECENT = """
            select system_key,
                   count(*) filter (where type = $2) as fired,
                   count(*) filter (where category = 'DRIFT') as drift,
                   max(occurred_at) filter (where category = 'DRIFT') as last_drift,
                   count(*) filter (where type = $3 and coalesce(data ->> 'kind', '') <> 'HOLDOUT') as started
              from oversight.timeline_events
             where occurred_at >= $1 and ($4::text is null or system_key = $4)
             group by system_key
            """;
    private static final String OPEN_ALERTS = """
            select f.system_key, count(distinct f.data ->> 'alertId') as open
              from oversight.timeline_events f
             where f.type = $1 and ($3::text is null or f.system_key = $3)
               and not exists (select 1 from oversight.timeline_events r
                                where r.system_key = f.system_key and r.type = $2
                                  and r.data ->> 'alertId' = f.data ->> 'alertId' and r.occurred_at >= f.occurred_at)
             group by f.system_key
            """;
    private static final String COVERAGE = """
            select distinct on (system_key) system_key, type, occurred_at
              from oversight.timeline_events
             where type in ($1, $2) and ($3::text is null or system_key = $3)
             order by system_key, occurred_at desc, event_id desc
            """;
    private static final String LOAD = """
            select system_key, count(*) as pending, count(*) filter (where due_at <= $2) as overdue
              from oversight.reviews
             where state = $1 and ($3::text is null or system_key = $3)
             group by system_key
            """;

    private final Pool pool;
    private final Clock clock;

    public Portfolio(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<PortfolioPage> page(ConsoleFrame frame) {
        Uni<List<Row>> systems = pool.preparedQuery(SYSTEMS).execute(Tuple.of(LIMIT + 1)).map(Portfolio::rows);
        return Uni.combine().all().unis(systems, health(null)).asTuple().map(t -> {
            Map<String, SystemHealth> health = t.getItem2();
            List<Row> found = t.getItem1();
            List<PortfolioRow> rows = new ArrayList<>();
            for (Row r : found.subList(0, Math.min(found.size(), LIMIT))) {
                String key = r.getString("system_key");
                SystemHealth h = health.getOrDefault(key, SystemHealth.none(key, WINDOW_DAYS));
                rows.add(new PortfolioRow(key, r.getString("name"), Labels.constant(r.getString("kind")),
                        r.getString("owner_team"), new PortfolioRow.Risk(Labels.constant(r.getString("brand_impact")),
                                Labels.constant(r.getString("financial_impact")), Labels.constant(r.getString("customer_impact"))),
                        h, h.attention().level()));
            }
            rows.sort(Comparator.comparing((PortfolioRow row) -> row.health().attention(), Attention.ORDER));
            return new PortfolioPage(frame, List.copyOf(rows), found.size() > LIMIT, LIMIT, WINDOW_DAYS);
        });
    }

    /** The health of one system (all zero when oversight has heard nothing about it). */
    public Uni<SystemHealth> of(String systemKey) {
        return health(systemKey).map(h -> h.getOrDefault(systemKey, SystemHealth.none(systemKey, WINDOW_DAYS)));
    }

    /** Health per system key, of every system or of {@code onlyKey}. */
    private Uni<Map<String, SystemHealth>> health(String onlyKey) {
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofDays(WINDOW_DAYS));
        Uni<List<Row>> recent = pool.preparedQuery(RECENT).execute(Tuple.tuple().addOffsetDateTime(from.atOffset(ZoneOffset.UTC))
                .addString(AlertFired.TYPE).addString(STARTED).addString(onlyKey)).map(Portfolio::rows);
        Uni<List<Row>> open = pool.preparedQuery(OPEN_ALERTS).execute(Tuple.tuple().addString(AlertFired.TYPE)
                .addString(AlertResolved.TYPE).addString(onlyKey)).map(Portfolio::rows);
        Uni<List<Row>> coverage = pool.preparedQuery(COVERAGE).execute(Tuple.tuple().addString(LifecycleEvent.CoverageGap.OPENED)
                .addString(LifecycleEvent.CoverageGap.CLOSED).addString(onlyKey)).map(Portfolio::rows);
        Uni<List<Row>> load = pool.preparedQuery(LOAD).execute(Tuple.tuple().addString(ReviewState.PENDING.name())
                .addOffsetDateTime(now.atOffset(ZoneOffset.UTC)).addString(onlyKey)).map(Portfolio::rows);
        return Uni.combine().all().unis(recent, open, coverage, load).asTuple().map(t -> {
            Map<String, Facts> facts = new HashMap<>();
            for (Row r : t.getItem1()) {
                Facts f = facts.computeIfAbsent(r.getString("system_key"), k -> new Facts());
                f.fired = r.getLong("fired");
                f.drift = r.getLong("drift");
                f.lastDrift = r.getOffsetDateTime("last_drift") == null ? null : r.getOffsetDateTime("last_drift").toInstant();
                f.started = r.getLong("started");
            }
            for (Row r : t.getItem2()) {
                facts.computeIfAbsent(r.getString("system_key"), k -> new Facts()).open = r.getLong("open");
            }
            for (Row r : t.getItem3()) {
                Stamp since = Stamp.of(r.getOffsetDateTime("occurred_at").toInstant());
                facts.computeIfAbsent(r.getString("system_key"), k -> new Facts()).coverage = LifecycleEvent.CoverageGap.OPENED
                        .equals(r.getString("type")) ? SystemHealth.Coverage.opened(since) : SystemHealth.Coverage.closed(since);
            }
            for (Row r : t.getItem4()) {
                Facts f = facts.computeIfAbsent(r.getString("system_key"), k -> new Facts());
                f.pending = r.getLong("pending");
                f.overdue = r.getLong("overdue");
            }
            Map<String, SystemHealth> health = new HashMap<>();
            facts.forEach((key, f) -> health.put(key, new SystemHealth(key, f.open, f.fired, f.drift, Stamp.of(f.lastDrift),
                    f.started, f.coverage, f.pending, f.overdue, WINDOW_DAYS)));
            return health;
        });
    }

    private static final class Facts {
        long fired;
        long drift;
        Instant lastDrift;
        long started;
        long open;
        SystemHealth.Coverage coverage = SystemHealth.Coverage.UNKNOWN;
        long pending;
        long overdue;
    }

    private static List<Row> rows(RowSet<Row> set) {
        List<Row> rows = new ArrayList<>();
        set.forEach(rows::add);
        return rows;
    }
}
