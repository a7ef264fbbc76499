package io.refinery.metrics.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.refinery.metrics.drift.sampling.BottomKSample;
import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.metrics.messaging.DriftEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.refinery.platform.problem.NotFoundProblem;

/**
 * Evaluates drift monitors: each feature compared between the windows ({@link FeatureComparison}), dataset drift when
 * the drifted share of the compared features reaches the monitor's setting, the run stored with its per-feature
 * results, the features' latest scores kept for the gauge, and on dataset drift a detection with its events
 * ({@link DriftDetections}), all in one JDBC transaction on a worker thread (comparisons are CPU work).
 *
 * <p>Scheduled runs claim a due monitor with {@code FOR UPDATE SKIP LOCKED}, so with several replicas each window is
 * evaluated once; the next one is due when the following window closes (plus the grace). On-demand runs lock the
 * monitor (never racing a scheduled run) and leave its schedule alone.
 */
@ApplicationScoped
public class DriftEvaluations {

    private static final Logger LOG = Logger.getLogger(DriftEvaluations.class);
    private static final String COLUMNS = "id, system_key, name, features, reference_from, reference_to,"
            + " reference_trailing_days, reference_lag_days, current_days, method, dataset_drift_share, failed_attempts";
    private static final String CLAIM_DUE = "select " + COLUMNS + " from metrics.drift_monitors where deleted_at is null"
            + " and next_evaluation_at <= ? order by next_evaluation_at limit 1 for update skip locked";
    private static final String LOCK_ONE = "select " + COLUMNS + " from metrics.drift_monitors where id = ?"
            + " and deleted_at is null for update";
    private static final String DAYS = "select feature, seen, reservoir, labelled, categories"
            + " from metrics.drift_feature_days where system_key = ? and feature = any(?) and day >= ?::date"
            + " and day < ?::date order by feature, day";
    private static final String INSERT_RUN = "insert into metrics.drift_runs (id, monitor_id, system_key, trigger,"
            + " evaluated_at, current_from, current_to, reference_from, reference_to, features_evaluated,"
            + " features_drifted, drifted_share, dataset_drift, features, detection_id, recommendation)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SAVE_SCORES = """
            insert into metrics.drift_scores (system_key, feature, method, statistic, run_id, evaluated_at)
            select ?, u.f, u.m, u.s, ?, ? from unnest(?::text[], ?::text[], ?::float8[]) as u(f, m, s)
            on conflict (system_key, feature) do update set method = excluded.method, statistic = excluded.statistic,
              run_id = excluded.run_id, evaluated_at = excluded.evaluated_at
            """;
    private static final String SCHEDULE = "update metrics.drift_monitors set last_evaluated_at = ?,"
            + " next_evaluation_at = coalesce(?, next_evaluation_at), failed_attempts = 0, last_error = null where id = ?";
    private static final String RECORD_FAILURE = "update metrics.drift_monitors set failed_attempts = ?, last_error = ?,"
            + " last_failed_at = ?, next_evaluation_at = ? where id = ?";

    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };
    private static final FeatureComparison.Days EMPTY = new FeatureComparison.Days(List.of(), List.of(), 0);

    private final DataSource dataSource;
    private final DriftConfig config;
    private final DriftDetections detections;
    private final ObjectMapper mapper;
    private final EvaluationBackoff backoff;

    public DriftEvaluations(DataSource dataSource, DriftConfig config, DriftDetections detections, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.config = config;
        this.detections = detections;
        this.mapper = mapper;
        this.backoff = new EvaluationBackoff(config.failureBackoff(), config.failureBackoffMax());
    }

    /** On demand: evaluates the windows closed by {@code at}; 404 for an unknown or retired monitor. */
    public Uni<DriftRun> evaluate(UUID monitorId, Instant at) {
        return Uni.createFrom().item(() -> DriftJdbc.inTransaction(dataSource, "evaluating drift monitor " + monitorId,
                c -> {
                    DriftMonitor monitor = lockOne(c, monitorId);
                    if (monitor == null) {
                        throw new NotFoundProblem("no drift monitor with id " + monitorId);
                    }
                    return evaluate(c, monitor, at, DriftRun.Trigger.ON_DEMAND);
                })).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Claims one due monitor (skipping those another replica holds) and evaluates it; false when none is due. Blocking. */
    public boolean evaluateNextDue(Instant now) {
        return DriftJdbc.inTransaction(dataSource, "evaluating a due drift monitor", c -> {
            DriftMonitor monitor;
            try (PreparedStatement claim = c.prepareStatement(CLAIM_DUE)) {
                claim.setObject(1, now.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = claim.executeQuery()) {
                    monitor = rs.next() ? monitor(rs) : null;
                }
            }
            if (monitor == null) {
                return false;
            }
            Savepoint beforeEvaluation = c.setSavepoint();
            try {
                evaluate(c, monitor, now, DriftRun.Trigger.SCHEDULED);
            } catch (SQLException e) {
                if (DriftJdbc.isTransient(e)) {
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
        String message = describe(error);
        LOG.warnf("drift monitor %s failed %d time(s) in a row, retrying at %s: %s", monitor.id, failures, retryAt, message);
        try (PreparedStatement failed = c.prepareStatement(RECORD_FAILURE)) {
            failed.setInt(1, failures);
            failed.setString(2, message);
            failed.setObject(3, now.atOffset(ZoneOffset.UTC));
            failed.setObject(4, retryAt.atOffset(ZoneOffset.UTC));
            failed.setObject(5, monitor.id);
            failed.executeUpdate();
        }
    }

    private static String describe(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null && message.length() < 1000; t = t.getCause()) {
            if (message.length() > 0) {
                message.append(": ");
            }
            message.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return message.length() > 1000 ? message.substring(0, 1000) : message.toString();
    }

    private DriftRun evaluate(Connection c, DriftMonitor monitor, Instant at, DriftRun.Trigger trigger)
            throws SQLException {
        DriftMonitor.Windows windows = monitor.windows(at);
        List<MonitorFeature> features = DriftMonitorService.features(mapper, monitor.features);
        List<String> names = features.stream().map(MonitorFeature::name).toList();
        Map<String, FeatureComparison.Days> reference = days(c, monitor.systemKey, names, windows.referenceFrom(),
                windows.referenceTo());
        Map<String, FeatureComparison.Days> current = days(c, monitor.systemKey, names, windows.currentFrom(),
                windows.currentTo());
        List<FeatureResult> results = new ArrayList<>(features.size());
        for (MonitorFeature f : features) {
            results.add(FeatureComparison.compare(f, reference.getOrDefault(f.name(), EMPTY),
                    current.getOrDefault(f.name(), EMPTY), monitor.method, config.minSamples()));
        }
        DriftRun run = new DriftRun();
        run.id = UUID.randomUUID();
        run.monitorId = monitor.id;
        run.systemKey = monitor.systemKey;
        run.trigger = trigger;
        run.evaluatedAt = Instant.now();
        run.currentFrom = midnight(windows.currentFrom());
        run.currentTo = midnight(windows.currentTo());
        run.referenceFrom = midnight(windows.referenceFrom());
        run.referenceTo = midnight(windows.referenceTo());
        run.featuresEvaluated = (int) results.stream().filter(FeatureResult::evaluated).count();
        run.featuresDrifted = (int) results.stream().filter(FeatureResult::drifted).count();
        run.driftedShare = run.featuresEvaluated == 0 ? null : (double) run.featuresDrifted / run.featuresEvaluated;
        run.datasetDrift = run.driftedShare != null && run.featuresDrifted > 0
                && run.driftedShare >= monitor.datasetDriftShare;
        run.features = json(results);
        if (run.datasetDrift) {
            DriftDetections.Detected detected = detections.data(c, monitor, run.id, windows, results, run.driftedShare);
            run.detectionId = detected.id();
            run.recommendation = json(new DriftEvents.RecommendationView(detected.recommendation().action().name(),
                    detected.recommendation().reasons()));
        }
        insert(c, run);
        saveScores(c, run, results);
        try (PreparedStatement schedule = c.prepareStatement(SCHEDULE)) {
            schedule.setObject(1, run.evaluatedAt.atOffset(ZoneOffset.UTC));
            schedule.setObject(2, trigger == DriftRun.Trigger.SCHEDULED
                    ? run.currentTo.plus(Duration.ofDays(monitor.currentDays)).plus(config.closeGrace()).atOffset(ZoneOffset.UTC)
                    : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            schedule.setObject(3, monitor.id);
            schedule.executeUpdate();
        }
        return run;
    }


    private Map<String, FeatureComparison.Days> days(Connection c, String systemKey, List<String> features,
            LocalDate from, LocalDate to) throws SQLException {
        Map<String, List<BottomKSample>> samples = new HashMap<>();
        Map<String, List<Map<String, Long>>> categories = new HashMap<>();
        Map<String, Long> labelled = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(DAYS)) {
            q.setString(1, systemKey);
            q.setArray(2, c.createArrayOf("text", features.toArray()));
            q.setString(3, from.toString());
            q.setString(4, to.toString());
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String feature = rs.getString(1);
                    samples.computeIfAbsent(feature, k -> new ArrayList<>())
                            .add(BottomKSample.decode(config.reservoirSize(), rs.getLong(2), rs.getBytes(3)));
                    labelled.merge(feature, rs.getLong(4), Long::sum);
                    categories.computeIfAbsent(feature, k -> new ArrayList<>()).add(counts(rs.getString(5)));
                }
            }
        }
        Map<String, FeatureComparison.Days> days = new HashMap<>();
        samples.forEach((feature, list) -> days.put(feature,
                new FeatureComparison.Days(list, categories.get(feature), labelled.get(feature))));
        return days;
    }

    private void insert(Connection c, DriftRun run) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_RUN)) {
            int p = 1;
            insert.setObject(p++, run.id);
            insert.setObject(p++, run.monitorId);
            insert.setString(p++, run.systemKey);
            insert.setString(p++, run.trigger.name());
            for (Instant at : new Instant[] { run.evaluatedAt, run.currentFrom, run.currentTo, run.referenceFrom,
                    run.referenceTo }) {
                insert.setObject(p++, at.atOffset(ZoneOffset.UTC));
            }
            insert.setInt(p++, run.featuresEvaluated);
            insert.setInt(p++, run.featuresDrifted);
            insert.setObject(p++, run.driftedShare, java.sql.Types.DOUBLE);
            insert.setBoolean(p++, run.datasetDrift);
            insert.setString(p++, run.features);
            insert.setObject(p++, run.detectionId);
            insert.setString(p, run.recommendation);
            insert.executeUpdate();
        }
    }

    private static void saveScores(Connection c, DriftRun run, List<FeatureResult> results) throws SQLException {
        List<FeatureResult> evaluated = results.stream().filter(FeatureResult::evaluated).toList();
        if (evaluated.isEmpty()) {
            return;
        }
        try (PreparedStatement save = c.prepareStatement(SAVE_SCORES)) {
            save.setString(1, run.systemKey);
            save.setObject(2, run.id);
            save.setObject(3, run.evaluatedAt.atOffset(ZoneOffset.UTC));
            save.setArray(4, c.createArrayOf("text", evaluated.stream().map(FeatureResult::feature).toArray()));
            save.setArray(5, c.createArrayOf("text", evaluated.stream().map(r -> r.method().name()).toArray()));
            save.setArray(6, c.createArrayOf("float8", evaluated.stream().map(FeatureResult::statistic).toArray()));
            save.executeUpdate();
        }
    }

    private static DriftMonitor lockOne(Connection c, UUID id) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_ONE)) {
            lock.setObject(1, id);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() ? monitor(rs) : null;
            }
        }
    }

    private static DriftMonitor monitor(ResultSet rs) throws SQLException {
        DriftMonitor m = new DriftMonitor();
        m.id = rs.getObject(1, UUID.class);
        m.systemKey = rs.getString(2);
        m.name = rs.getString(3);
        m.features = rs.getString(4);
        OffsetDateTime from = rs.getObject(5, OffsetDateTime.class);
        OffsetDateTime to = rs.getObject(6, OffsetDateTime.class);
        m.referenceFrom = from == null ? null : from.toInstant();
        m.referenceTo = to == null ? null : to.toInstant();
        m.referenceTrailingDays = (Integer) rs.getObject(7);
        m.referenceLagDays = (Integer) rs.getObject(8);
        m.currentDays = rs.getInt(9);
        m.method = DriftMethod.valueOf(rs.getString(10));
        m.datasetDriftShare = rs.getDouble(11);
        m.failedAttempts = rs.getInt(12);
        return m;
    }

    private Map<String, Long> counts(String json) {
        try {
            return mapper.readValue(json, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored category counts are unreadable", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
