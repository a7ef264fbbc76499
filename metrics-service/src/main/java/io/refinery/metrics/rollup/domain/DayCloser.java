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
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.refinery.platform.events.RollupClosed;
import io.refinery.platform.outbox.Outbox;

/**
 * Closes each UTC day once (after the grace for late data) and publishes its rollups on refinery.metrics.rollups,
 * one event per system and metric, through the outbox. The closed_periods primary key makes the close happen
 * once across replicas. Data arriving for a day after its close updates the series but is not re-published, unless
 * an admin asks for it ({@link RollupBackfill}).
 */
@ApplicationScoped
public class DayCloser {

    private static final Logger LOG = Logger.getLogger(DayCloser.class);
    private static final String CLAIM = "insert into metrics.closed_periods (step, bucket, closed_at)"
            + " values ('P1D', ?1, now()) on conflict do nothing";
    /** The columns {@link #publish} reads from a daily rollup row, in order (RollupBackfill selects them too). */
    static final String COLUMNS = "system_key, metric, segment, count, sum, min, max, ratio_count, numerator_sum,"
            + " denominator_sum";
    private static final String DAY = "select " + COLUMNS + " from metrics.rollups where step = 'P1D' and bucket = ?1"
            + " order by system_key, metric, segment";

    private final Outbox outbox;
    private final Duration grace;

    public DayCloser(Outbox outbox, @ConfigProperty(name = "refinery.rules.close-grace", defaultValue = "PT5M") Duration grace) {
        this.outbox = outbox;
        this.grace = grace;
    }

    @Scheduled(every = "${refinery.rollups.close-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant lastClosedDay = Step.P1D.periodStart(Instant.now().minus(grace)).minus(Duration.ofDays(1));
        return close(lastClosedDay)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("closed day %s: %d rollup event(s) published", lastClosedDay, n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("closing day %s failed, will retry: %s", lastClosedDay, e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Closes {@code day} if no replica did yet; returns how many events it published. */
    @WithTransaction
    public Uni<Integer> close(Instant day) {
        Object bucket = day.atOffset(ZoneOffset.UTC);
        return Panache.getSession().flatMap(s -> s.createNativeQuery(CLAIM).setParameter(1, bucket).executeUpdate()
                .flatMap(claimed -> claimed == 0 ? Uni.createFrom().item(0)
                        : s.createNativeQuery(DAY, Object[].class).setParameter(1, bucket).getResultList()
                                .flatMap(rows -> publish(outbox, day, rows))));
    }

    /** Appends one event per metric of the day's rollup rows (ordered by system, metric, segment) to the outbox. */
    static Uni<Integer> publish(Outbox outbox, Instant day, List<Object[]> rows) {
        Map<String, List<Object[]>> byMetric = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byMetric.computeIfAbsent(row[0] + "\u0000" + row[1], k -> new ArrayList<>()).add(row);
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (List<Object[]> metricRows : byMetric.values()) {
            RollupClosed event = toEvent(day, metricRows);
            if (event != null) {
                chain = chain.flatMap(n -> outbox.append(RollupClosed.TOPIC, RollupClosed.TYPE, event.systemKey(), event)
                        .replaceWith(n + 1));
            }
        }
        return chain;
    }

    private static RollupClosed toEvent(Instant day, List<Object[]> rows) {
        RollupPoint all = null;
        List<RollupClosed.SegmentValue> segments = new ArrayList<>();
        for (Object[] r : rows) {
            RollupPoint p = RollupPoint.of(day, ((Number) r[3]).longValue(), ((Number) r[4]).doubleValue(),
                    ((Number) r[5]).doubleValue(), ((Number) r[6]).doubleValue(), ((Number) r[7]).longValue(),
                    ((Number) r[8]).doubleValue(), ((Number) r[9]).doubleValue());
            if (((String) r[2]).isEmpty()) {
                all = p;
            } else {
                segments.add(new RollupClosed.SegmentValue((String) r[2], p.value(), p.count(), p.samples()));
            }
        }
        if (all == null) {
            return null;
        }
        return new RollupClosed((String) rows.get(0)[0], (String) rows.get(0)[1], Step.P1D.name(), day,
                day.plus(Duration.ofDays(1)), all.value(), all.count(), all.samples(), all.min(), all.max(), segments);
    }
}
