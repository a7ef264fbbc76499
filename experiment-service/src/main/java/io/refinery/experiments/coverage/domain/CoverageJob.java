package io.refinery.experiments.coverage.domain;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.experiment.domain.LifecycleEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * "Every AI system should have at least one active experiment running at all times": opens a coverage gap for each
 * registered system without a RUNNING experiment and closes it when one starts, publishing coverage.gap-opened and
 * gap-closed in the same transaction. Every replica runs it; a transaction-scoped advisory lock lets one at a time.
 */
@ApplicationScoped
public class CoverageJob {

    private static final Logger LOG = Logger.getLogger(CoverageJob.class);
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('experiments.coverage'))";
    private static final String RUNNING = "select 1 from experiments.experiments e where e.system_key = %s"
            + " and e.state = 'RUNNING' and e.kind <> 'HOLDOUT'";
    private static final String OPEN = "insert into experiments.coverage_gaps (system_key, opened_at)"
            + " select s.system_key, ?1 from experiments.systems s where not exists (" + RUNNING.formatted("s.system_key")
            + ") order by s.system_key on conflict do nothing returning system_key";
    private static final String CLOSE = "delete from experiments.coverage_gaps g where exists ("
            + RUNNING.formatted("g.system_key") + ") returning g.system_key, cast(g.opened_at as text),"
            + " (select min(e.key) from experiments.experiments e where e.system_key = g.system_key and e.state = 'RUNNING'"
            + " and e.kind <> 'HOLDOUT')";

    private final LifecycleEvents events;

    public CoverageJob(LifecycleEvents events) {
        this.events = events;
    }

    @Scheduled(every = "${refinery.experiments.coverage-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        return update(Instant.now())
                .onFailure().invoke(e -> LOG.warnf("coverage run failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Opens and closes gaps as of {@code now}; returns how many changed (0 when another replica holds the lock). */
    @WithTransaction
    @SuppressWarnings("unchecked")
    public Uni<Integer> update(Instant now) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(LOCK).getSingleResult().flatMap(locked -> {
            if (!Boolean.TRUE.equals(locked)) {
                return Uni.createFrom().item(0);
            }
            Uni<List<Object>> opened = s.createNativeQuery(OPEN).setParameter(1, now).getResultList();
            return opened.flatMap(open -> Multi.createFrom().iterable(open)
                    .onItem().transformToUniAndConcatenate(key -> events.coverageGapOpened((String) key, now))
                    .collect().asList().replaceWith(open.size()))
                    .flatMap(openedCount -> s.createNativeQuery(CLOSE).getResultList().flatMap(closed -> Multi.createFrom()
                            .iterable((List<Object[]>) (List<?>) closed)
                            .onItem().transformToUniAndConcatenate(row -> events.coverageGapClosed((String) row[0],
                                    parse((String) row[1]), now, (String) row[2]))
                            .collect().asList().replaceWith(openedCount + closed.size())));
        }));
    }

    /** PostgreSQL's text form of a timestamptz, e.g. {@code 2026-11-25 04:01:02.123+00}. */
    static Instant parse(String timestamp) {
        return java.time.OffsetDateTime.parse(timestamp.replace(' ', 'T'),
                new java.time.format.DateTimeFormatterBuilder().append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .appendPattern("[XXX][X]").toFormatter()).toInstant();
    }
}
