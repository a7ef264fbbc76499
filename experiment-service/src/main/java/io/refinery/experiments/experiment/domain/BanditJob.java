package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.assignment.domain.Assignments;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Gives every bandit due for new weights its next version ({@link BanditUpdates}); on every replica, each once. */
@ApplicationScoped
public class BanditJob {

    private static final Logger LOG = Logger.getLogger(BanditJob.class);
    private static final int MAX_PER_RUN = 200;

    private final BanditUpdates updates;
    private final Assignments assignments;

    public BanditJob(BanditUpdates updates, Assignments assignments) {
        this.updates = updates;
        this.assignments = assignments;
    }

    @Scheduled(every = "${refinery.experiments.bandit-check:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant now = Instant.now();
        return Multi.createBy().repeating().uni(() -> updates.stepNextDue(now))
                .whilst(stepped -> stepped).select().first(MAX_PER_RUN)
                .collect().with(Collectors.counting())
                .call(n -> n > 0 ? assignments.refresh() : Uni.createFrom().voidItem())
                .invoke(n -> LOG.debugf("bandit run: %d bandit(s) reweighted", n))
                .onFailure().invoke(e -> LOG.warnf("bandit run failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
