package io.refinery.metrics.alerting.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Evaluates every rule whose period has closed (plus the grace for late data). Runs on every replica; each
 * rule is claimed with FOR UPDATE SKIP LOCKED, so each is evaluated once per period.
 */
@ApplicationScoped
public class RuleEvaluationJob {

    private static final Logger LOG = Logger.getLogger(RuleEvaluationJob.class);
    private static final int MAX_PER_RUN = 500;

    private final RuleEvaluations evaluations;

    public RuleEvaluationJob(RuleEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    @Scheduled(every = "${refinery.rules.evaluation-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> run() {
        Instant now = Instant.now();
        return Multi.createBy().repeating().uni(() -> evaluations.evaluateNextDue(now))
                .whilst(evaluated -> evaluated).select().first(MAX_PER_RUN)
                .collect().with(java.util.stream.Collectors.counting())
                .invoke(n -> LOG.debugf("rule evaluation run: %d rule(s) evaluated", n))
                .onFailure().invoke(e -> LOG.warnf("rule evaluation run failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
