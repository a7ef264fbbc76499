package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tests every running experiment (holdouts aside) for interactions with the other experiments of its system at most
 * once per {@code refinery.experiments.interaction-check} (PT1H), and keeps what it flags for the results
 * ({@link ExperimentInteractions.Report#flags}). The test scans the units (18 s at 10 million shared units, see
 * BENCHMARKS.md), so it runs outside any transaction on the experiment: a short statement claims the experiment (its
 * instant moves first, SKIP LOCKED, so replicas take different ones), the scan follows, and a second statement stores
 * the flags. Every replica runs it.
 */
@ApplicationScoped
public class InteractionChecks {

    private static final Logger LOG = Logger.getLogger(InteractionChecks.class);
    private static final int MAX_PER_RUN = 50;
    private static final String CLAIM = """
            update experiments.experiments set interactions_checked_at = $1
             where id = (select id from experiments.experiments
                          where state = 'RUNNING' and kind <> 'HOLDOUT'
                            and (interactions_checked_at is null or interactions_checked_at <= $2)
                          order by interactions_checked_at nulls first, key limit 1 for update skip locked)
            returning key""";
    private static final String STORE = "update experiments.experiments set interaction_flags = $2 where key = $1";

    private final Pool pool;
    private final ExperimentInteractions interactions;
    private final ExperimentJson json;
    private final ExperimentConfig config;

    public InteractionChecks(Pool pool, ExperimentInteractions interactions, ExperimentJson json, ExperimentConfig config) {
        this.pool = pool;
        this.interactions = interactions;
        this.json = json;
        this.config = config;
    }

    @Scheduled(every = "${refinery.experiments.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant now = Instant.now();
        return Multi.createBy().repeating().uni(() -> checkNextDue(now)).whilst(checked -> checked)
                .select().first(MAX_PER_RUN).collect().last()
                .onFailure().invoke(e -> LOG.warnf("interaction checks failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Claims one experiment due for its interaction test and runs it; false when none is due. */
    public Uni<Boolean> checkNextDue(Instant now) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(now.atOffset(ZoneOffset.UTC),
                now.minus(config.interactionCheck()).atOffset(ZoneOffset.UTC))).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    String key = rows.iterator().next().getString("key");
                    return Panache.withSession(() -> ExperimentService.find(key)).flatMap(interactions::of)
                            .flatMap(report -> pool.preparedQuery(STORE).execute(Tuple.of(key, json.write(report.flags()))))
                            .replaceWith(true);
                });
    }
}
