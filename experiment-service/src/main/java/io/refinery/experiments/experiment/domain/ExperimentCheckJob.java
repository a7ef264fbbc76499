package io.refinery.experiments.experiment.domain;

import java.time.Instant;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.refinery.experiments.assignment.domain.Assignments;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Runs {@link ExperimentChecks} on every due experiment; on every replica, each experiment claimed once. */
@ApplicationScoped
public class ExperimentCheckJob {

    private static final Logger LOG = Logger.getLogger(ExperimentCheckJob.class);
    private static final int MAX_PER_RUN = 500;

    private final ExperimentChecks checks;
    private final Assignments assignments;

    public ExperimentCheckJob(ExperimentChecks checks, Assignments assignments) {
        this.checks = checks;
        this.assignments = assignments;
    }

    @Scheduled(every = "${refinery.experiments.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant now = Instant.now();
        return Multi.createBy().repeating().uni(() -> checks.checkNextDue(now))
                .whilst(checked -> checked).select().first(MAX_PER_RUN)
                .collect().with(Collectors.counting())
                .call(n -> n > 0 ? assignments.refresh() : Uni.createFrom().voidItem())
                .invoke(n -> LOG.debugf("experiment check run: %d experiment(s) checked", n))
                .onFailure().invoke(e -> LOG.warnf("experiment check run failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
