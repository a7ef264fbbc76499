package io.refinery.metrics.drift.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Evaluates every drift monitor whose current window has closed (plus the grace for late samples). Runs on every
 * replica, on a worker thread (JDBC and CPU work); each monitor is claimed with FOR UPDATE SKIP LOCKED, so each window
 * is evaluated once.
 */
@ApplicationScoped
public class DriftEvaluationJob {

    private static final Logger LOG = Logger.getLogger(DriftEvaluationJob.class);
    private static final int MAX_PER_RUN = 100;

    private final DriftEvaluations evaluations;

    public DriftEvaluationJob(DriftEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    @Scheduled(every = "${refinery.drift.evaluation-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        Instant now = Instant.now();
        int evaluated = 0;
        try {
            while (evaluated < MAX_PER_RUN && evaluations.evaluateNextDue(now)) {
                evaluated++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("drift evaluation run failed after %d monitor(s), will retry: %s", evaluated, e.toString());
        }
        if (evaluated > 0) {
            LOG.debugf("drift evaluation run: %d monitor(s) evaluated", evaluated);
        }
    }
}
