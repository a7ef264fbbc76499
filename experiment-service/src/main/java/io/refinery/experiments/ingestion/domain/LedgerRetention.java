package io.refinery.experiments.ingestion.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.experiment.domain.ExperimentConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the idempotency ledgers of exposures and outcomes ({@code exposure_ids}, {@code outcome_ids}) from growing
 * forever. An id only matters while a replay of it could still count: an exposure counts only for a RUNNING
 * experiment, an outcome only for a RUNNING or STOPPED one. So an id received at t may go once every experiment
 * that was RUNNING or STOPPED at t is CONCLUDED, plus a grace ({@code refinery.experiments.ledger-grace}, P7D):
 * <pre>
 *     cutoff = min(now − grace, earliest started_at of the experiments RUNNING, STOPPED, or CONCLUDED after now − grace)
 *     delete the ids received before cutoff
 * </pre>
 * A replay of a deleted id is then refused (its experiment is CONCLUDED), not counted twice; during the grace it is
 * still answered as a duplicate, so producers retrying a little late see no change. The grace is at least the
 * exposures and outcomes topics' retention (7 days in kafka-runtime/topics.conf): Kafka cannot redeliver a record
 * whose id is gone. One case rests on the grace alone: an outcome given by systemKey counts for the experiments
 * RUNNING or STOPPED when it arrives, so a replay more than a grace after the last of those concluded could count for
 * an experiment started since (if the unit is exposed there). Experiments end at their max duration, so the ledgers
 * hold at most about the longest max duration + the conclusion grace + this grace of ids.
 *
 * <p>Every replica runs it ({@code refinery.experiments.ledger-purge-interval}, 1h); deletes go in batches of
 * 10,000 ids in their own statements, so ingestion is never blocked for long, and two replicas at once only
 * share the work.
 */
@ApplicationScoped
public class LedgerRetention {

    static final int BATCH = 10_000;
    private static final Logger LOG = Logger.getLogger(LedgerRetention.class);
    private static final String CUTOFF = """
            select least($1::timestamptz, min(started_at)) as cutoff from experiments.experiments
            where started_at is not null and (state in ('RUNNING', 'STOPPED') or concluded_at > $1::timestamptz)""";
    private static final List<String> TABLES = List.of("exposure_ids", "outcome_ids");

    private final Pool pool;
    private final Duration grace;
    private final Counter purged;

    public LedgerRetention(Pool pool, ExperimentConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.grace = config.ledgerGrace();
        this.purged = Counter.builder("refinery_ledger_ids_purged").description(
                "Exposure and outcome ids deleted from the idempotency ledgers once no replay could count").register(registry);
    }

    @Scheduled(every = "${refinery.experiments.ledger-purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        return purge(Instant.now())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("purged %d ids from the exposure and outcome ledgers", n);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("ledger purge failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Deletes the ids no replay could count for any more, as of {@code now}; returns how many. */
    public Uni<Long> purge(Instant now) {
        OffsetDateTime horizon = now.minus(grace).atOffset(ZoneOffset.UTC);
        return pool.preparedQuery(CUTOFF).execute(Tuple.of(horizon))
                .map(rows -> rows.iterator().next().getOffsetDateTime("cutoff"))
                .flatMap(cutoff -> purgeTable(0, cutoff, 0).flatMap(a -> purgeTable(1, cutoff, a)))
                .invoke(n -> purged.increment(n));
    }

    private Uni<Long> purgeTable(int table, OffsetDateTime cutoff, long sofar) {
        String name = "experiments." + TABLES.get(table);
        String delete = "delete from " + name + " where id in (select id from " + name
                + " where received_at < $1 limit " + BATCH + ")";
        return pool.preparedQuery(delete).execute(Tuple.of(cutoff)).flatMap(result -> {
            long total = sofar + result.rowCount();
            return result.rowCount() < BATCH ? Uni.createFrom().item(total) : purgeTable(table, cutoff, total);
        });
    }
}
