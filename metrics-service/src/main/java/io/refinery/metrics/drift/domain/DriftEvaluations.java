package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.refinery.metrics.drift.evaluation.DatasetVerdict;
import io.refinery.metrics.drift.evaluation.EvaluationBackoff;
import io.refinery.metrics.drift.evaluation.FailureMessage;
import io.refinery.metrics.drift.evaluation.MonitorWindows;
import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DomainClassifierDrift;
import io.refinery.metrics.drift.stats.DriftInputException;
import io.refinery.metrics.drift.stats.ReconstructionDrift;
import io.refinery.platform.problem.NotFoundProblem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.jdbc.JdbcTransactions;

/**
 * Evaluates drift monitors: each feature compared between the windows ({@link FeatureComparison}), dataset drift when
 * the drifted share of the compared features reaches the monitor's setting, the run stored with its per-feature
 * results, the features' latest scores kept for the gauge, and on dataset drift a detection with its events
 * ({@link DriftDetections}), all in one JDBC transaction on a worker thread (comparisons are CPU work).
 *
 * <p>The rules (windows, schedule, dataset verdict, back-off) are pure functions of
 * {@link io.refinery.metrics.drift.evaluation}; the rows are read and written by {@link DriftMonitorRows} and
 * {@link DriftRunRows}.
 *
 * <p>Scheduled runs claim a due monitor with {@code FOR UPDATE SKIP LOCKED}, so with several replicas each window is
 * evaluated once; the next one is due when the following window closes (plus the grace). On-demand runs lock the
 * monitor (never racing a scheduled run) and leave its schedule alone.
 */
@ApplicationScoped
public class DriftEvaluations {

    private static final Logger LOG = Logger.getLogger(DriftEvaluations.class);
    private static final FeatureComparison.Days EMPTY = new FeatureComparison.Days(List.of(), List.of(), 0);

    private final DataSource dataSource;
    private final DriftConfig config;
    private final DriftDetections detections;
    private final ObjectMapper mapper;
    private final EvaluationBackoff backoff;
    private final DriftRunRows runRows;

    public DriftEvaluations(DataSource dataSource, DriftConfig config, DriftDetections detections, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.detections = detections;
        this.mapper = mapper;
        this.backoff = new EvaluationBackoff(config.failureBackoff(), config.failureBackoffMax());
        this.runRows = new DriftRunRows(mapper, config.reservoirSize(), config.rowSampleSize());
    }

    /** On demand: evaluates the windows closed by {@code at}; 404 for an unknown or retired monitor. */
    public Uni<DriftRun> evaluate(UUID monitorId, Instant at) {
        return Uni.createFrom().item(() -> JdbcTransactions.inTransaction(dataSource, "evaluating drift monitor " + monitorId,
                c -> {
                    DriftMonitor monitor = DriftMonitorRows.lockOne(c, monitorId);
                    if (monitor == null) {
                        throw new NotFoundProblem("no drift monitor with id " + monitorId);
                    }
                    return evaluate(c, monitor, at, DriftRun.Trigger.ON_DEMAND);
                })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Claims one due monitor (skipping those another replica holds) and evaluates it; false when none is due. Blocking. */
    public boolean evaluateNextDue(Instant now) {
        return JdbcTransactions.inTransaction(dataSource, "evaluating a due drift monitor", c -> {
            DriftMonitor monitor = DriftMonitorRows.claimDue(c, now);
            if (monitor == null) {
                return false;
            }
            Savepoint beforeEvaluation = c.setSavepoint();
            try {
                evaluate(c, monitor, now, DriftRun.Trigger.SCHEDULED);
            } catch (SQLException e) {
                if (JdbcTransactions.isTransient(e)) {
                    throw e;
                }
                c.rollback(beforeEvaluation);
                recordFailure(c, monitor, now, e);
            } catch (RuntimeException e) {
                c.rollback(beforeEvaluation);
                recordFailure(c, monitor, now, e);
            }
            return true;
        });
    }

    /**
     * Keeps a failed evaluation's error on the monitor and postpones its next try, so one broken monitor neither blocks
     * the monitors due after it nor is retried in a tight loop.
     */
    private void recordFailure(Connection c, DriftMonitor monitor, Instant now, Exception error) throws SQLException {
        int failures = monitor.failedAttempts + 1;
        Instant retryAt = now.plus(backoff.after(failures));
        String message = FailureMessage.of(error);
        LOG.warnf("drift monitor %s failed %d time(s) in a row, retrying at %s: %s", monitor.id, failures, retryAt, message);
        DriftMonitorRows.failed(c, monitor.id, failures, message, now, retryAt);
    }

    private DriftRun evaluate(Connection c, DriftMonitor monitor, Instant at, DriftRun.Trigger trigger)
            throws SQLException {
        MonitorWindows windows = monitor.windows(at);
        List<FeatureResult> results = compare(c, monitor, windows);
        DatasetVerdict verdict = DatasetVerdict.of((int) results.stream().filter(FeatureResult::evaluated).count(),
                (int) results.stream().filter(FeatureResult::drifted).count(), monitor.datasetDriftShare);
        DriftRun run = new DriftRun();
        run.id = UUID.randomUUID();
        run.monitorId = monitor.id;
        run.systemKey = monitor.systemKey;
        run.trigger = trigger;
        run.evaluatedAt = Instant.now();
        run.currentFrom = MonitorWindows.midnight(windows.currentFrom());
        run.currentTo = MonitorWindows.midnight(windows.currentTo());
        run.referenceFrom = MonitorWindows.midnight(windows.referenceFrom());
        run.referenceTo = MonitorWindows.midnight(windows.referenceTo());
        run.featuresEvaluated = verdict.featuresEvaluated();
        run.featuresDrifted = verdict.featuresDrifted();
        run.driftedShare = verdict.driftedShare();
        MultivariateCheck multivariate = monitor.multivariate ? multivariate(c, monitor, windows) : null;
        run.datasetDrift = verdict.datasetDrift() || multivariate != null && multivariate.drifted();
        run.features = json(results);
        run.multivariate = multivariate == null ? null : json(multivariate);
        if (run.datasetDrift) {
            DriftDetections.Detected detected = detections.data(c, monitor, run.id, windows, results,
                    run.driftedShare == null ? 0 : run.driftedShare, multivariate);
            run.detectionId = detected.id();
            run.recommendation = json(new DriftDetected.RecommendationView(detected.recommendation().action().name(),
                    detected.recommendation().reasons()));
        }
        DriftRunRows.insert(c, run);
        DriftRunRows.saveScores(c, run, results);
        DriftMonitorRows.evaluated(c, monitor.id, run.evaluatedAt,
                trigger == DriftRun.Trigger.SCHEDULED ? windows.nextEvaluation(config.closeGrace()) : null);
        return run;
    }

    /**
     * The multivariate checks on the joint rows of the monitor's numerical features: the reference's rows in chunks of
     * the current window's size (at least two chunks) set the reconstruction band. Skipped, saying why, when either
     * side has fewer than max(min-samples, 10 per feature) complete rows.
     */
    private MultivariateCheck multivariate(Connection c, DriftMonitor monitor, MonitorWindows windows)
            throws SQLException {
        List<String> names = DriftMonitorService.features(mapper, monitor.features).stream()
                .filter(f -> f.type() == DataType.NUMERICAL).map(MonitorFeature::name).toList();
        double[][] reference = runRows.rows(c, monitor.systemKey, names, windows.referenceFrom(), windows.referenceTo())
                .toArray(double[][]::new);
        double[][] current = runRows.rows(c, monitor.systemKey, names, windows.currentFrom(), windows.currentTo())
                .toArray(double[][]::new);
        int needed = Math.max(config.minSamples(), 10 * names.size());
        if (reference.length < 2 * needed || current.length < needed) {
            return MultivariateCheck.skipped(names, reference.length, current.length, "needs " + needed
                    + " complete rows in the current window and " + 2 * needed + " in the reference");
        }
        try {
            int chunk = Math.min(current.length, reference.length / 2);
            ReconstructionDrift.Result reconstruction = ReconstructionDrift.compute(names, reference, chunk,
                    List.of(new ReconstructionDrift.Chunk("current", current)), ReconstructionDrift.DEFAULT_VARIANCE_TO_KEEP);
            DomainClassifierDrift.Result classifier = DomainClassifierDrift.compute(names, reference, current,
                    DomainClassifierDrift.DEFAULT_FOLDS, DomainClassifierDrift.DEFAULT_RIDGE,
                    DomainClassifierDrift.DEFAULT_THRESHOLD);
            return MultivariateCheck.of(names, reference.length, current.length, reconstruction, classifier);
        } catch (DriftInputException e) {
            // e.g. a feature constant over the reference: nothing to standardise
            return MultivariateCheck.skipped(names, reference.length, current.length, e.getMessage());
        }
    }

    /** Each feature of the monitor compared between the windows, in the monitor's order. */
    private List<FeatureResult> compare(Connection c, DriftMonitor monitor, MonitorWindows windows)
            throws SQLException {
        List<MonitorFeature> features = DriftMonitorService.features(mapper, monitor.features);
        List<String> names = features.stream().map(MonitorFeature::name).toList();
        Map<String, FeatureComparison.Days> reference = runRows.days(c, monitor.systemKey, names,
                windows.referenceFrom(), windows.referenceTo());
        Map<String, FeatureComparison.Days> current = runRows.days(c, monitor.systemKey, names, windows.currentFrom(),
                windows.currentTo());
        List<FeatureResult> results = new ArrayList<>(features.size());
        for (MonitorFeature f : features) {
            results.add(FeatureComparison.compare(f, reference.getOrDefault(f.name(), EMPTY),
                    current.getOrDefault(f.name(), EMPTY), monitor.method, config.minSamples()));
        }
        return results;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
