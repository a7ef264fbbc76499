package io.refinery.metrics.performance.domain;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs every due performance estimator on a worker thread (JDBC and CPU work). Each estimator is claimed with FOR
 * UPDATE SKIP LOCKED, so with several replicas each is run by one of them; a failed run is retried at the next tick.
 */
@ApplicationScoped
public class PerformanceEstimationJob {

    private static final Logger LOG = Logger.getLogger(PerformanceEstimationJob.class);
    private static final int MAX_PER_RUN = 100;

    private final PerformanceEstimators estimators;

    public PerformanceEstimationJob(PerformanceEstimators estimators) {
        this.estimators = estimators;
    }

    @Scheduled(every = "${refinery.performance.estimation-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        Instant now = Instant.now();
        int runs = 0;
        try {
            while (runs < MAX_PER_RUN && estimators.estimateNextDue(now)) {
                runs++;
            }
        } catch (RuntimeException e) {
            LOG.warnf("performance estimation run failed after %d estimator(s), will retry: %s", runs, e.toString());
        }
    }
}
