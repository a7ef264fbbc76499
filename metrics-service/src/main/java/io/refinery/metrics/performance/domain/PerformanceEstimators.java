package io.refinery.metrics.performance.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.domain.DriftConfig;
import io.refinery.metrics.performance.estimation.CalibrationMethod;
import io.refinery.platform.jdbc.JdbcTransactions;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.refinery.platform.systems.KnownSystems;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Fits each system's estimator on its labelled reference and keeps its daily estimates current: a run claims a due
 * estimator ({@code FOR UPDATE SKIP LOCKED}, so with several replicas each is run by one), compares each day's
 * fingerprint in the sample ledger (scored predictions, labelled ones, last arrival) with the stored one, and
 * estimates again only the days that changed: new predictions lower or raise an estimate, new labels fill in the
 * realized value. Everything here is blocking JDBC and CPU work, run on worker threads.
 */
@ApplicationScoped
public class PerformanceEstimators {

    private static final String COLUMNS = "system_key, reference_from, reference_to, threshold, positive_label,"
            + " calibration_method, realized_from_labelled_share, model, fitted_at, next_estimation_at, last_estimated_at,"
            + " last_recheck_at,"
            + " created_at, created_by, updated_at, updated_by";
    private static final String UPSERT = """
            insert into metrics.performance_estimators (system_key, reference_from, reference_to, threshold,
                positive_label, calibration_method, realized_from_labelled_share, model, fitted_at, next_estimation_at,
                last_estimated_at, created_at, created_by, updated_at, updated_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?)
            on conflict (system_key) do update set reference_from = excluded.reference_from,
                reference_to = excluded.reference_to, threshold = excluded.threshold,
                positive_label = excluded.positive_label, calibration_method = excluded.calibration_method,
                realized_from_labelled_share = excluded.realized_from_labelled_share, model = excluded.model,
                fitted_at = excluded.fitted_at, next_estimation_at = excluded.next_estimation_at, last_estimated_at = null,
                last_recheck_at = null,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """;
    private static final String FIND = "select " + COLUMNS + " from metrics.performance_estimators where system_key = ?";
    private static final String LOCK = FIND + " for update";
    private static final String CLAIM_DUE = "select " + COLUMNS + " from metrics.performance_estimators"
            + " where next_estimation_at <= ? order by next_estimation_at limit 1 for update skip locked";
    private static final String FINGERPRINTS = """
            select (observed_at at time zone 'UTC')::date as day, count(*) as predictions,
                   count(*) filter (where outcome_number in (0, 1) or outcome_label is not null) as labelled,
                   max(received_at) as last_received
            from metrics.drift_samples
            where system_key = ? and observed_at >= ? and observed_at < ? and prediction_number between 0 and 1
            group by 1
            """;
    private static final String STORED = "select day, predictions, labelled, last_received_at from metrics.performance_estimates"
            + " where system_key = ? and metric = 'accuracy' and day >= ?";
    private static final String UPSERT_ESTIMATE = """
            insert into metrics.performance_estimates (system_key, day, metric, predictions, labelled, last_received_at,
                estimated, sampling_error, realized, computed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (system_key, day, metric) do update set predictions = excluded.predictions,
                labelled = excluded.labelled, last_received_at = excluded.last_received_at,
                estimated = excluded.estimated, sampling_error = excluded.sampling_error, realized = excluded.realized,
                computed_at = excluded.computed_at
            """;
    private static final String DONE = "update metrics.performance_estimators set last_estimated_at = ?,"
            + " next_estimation_at = ?, last_recheck_at = coalesce(?, last_recheck_at) where system_key = ?";

    /** A day's fingerprint: when it differs from the stored one, the day is estimated again. */
    private record Fingerprint(long predictions, long labelled, Instant lastReceived) {
    }

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final PerformanceConfig config;
    private final DriftConfig drift;
    private final KnownSystems systems;

    public PerformanceEstimators(DataSource dataSource, ObjectMapper mapper, PerformanceConfig config, DriftConfig drift,
            KnownSystems systems) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config;
        this.drift = drift;
        this.systems = systems;
    }

    /** Fits (or fits again) the system's estimator; its old estimates are dropped and the next run estimates anew. */
    public Uni<Estimator> fit(EstimatorSettings settings, String actor) {
        Instant now = Instant.now();
        var issues = settings.issues(drift.sampleRetention(), now);
        if (!issues.isEmpty()) {
            return Uni.createFrom().failure(new UnprocessableProblem(issues));
        }
        return systems.get(settings.systemKey())
                .flatMap(s -> blocking(() -> inTransaction(c -> fit(c, settings, actor, Instant.now()))));
    }

    public Uni<Estimator> get(String systemKey) {
        return blocking(() -> inTransaction(c -> {
            Estimator e = find(c, systemKey, FIND);
            if (e == null) {
                throw new NotFoundProblem("no performance estimator for system " + systemKey);
            }
            return e;
        }));
    }

    /**
     * Removes the system's estimator and its daily estimates (waiting for a run in progress). Rules on its metrics stay
     * and judge no day until an estimator is fitted again.
     */
    public Uni<Void> remove(String systemKey) {
        return blocking(() -> inTransaction(c -> {
            if (find(c, systemKey, LOCK) == null) {
                throw new NotFoundProblem("no performance estimator for system " + systemKey);
            }
            try (PreparedStatement ps = c.prepareStatement("delete from metrics.performance_estimators where system_key = ?")) {
                ps.setString(1, systemKey);
                ps.executeUpdate();
            }
            return Boolean.TRUE;
        })).replaceWithVoid();
    }

    /** Estimates the system's changed days now, waiting for a run in progress; returns how many days changed. */
    public Uni<Integer> estimateNow(String systemKey) {
        return blocking(() -> inTransaction(c -> {
            Estimator e = find(c, systemKey, LOCK);
            if (e == null) {
                throw new NotFoundProblem("no performance estimator for system " + systemKey);
            }
            return estimate(c, e, Instant.now(), true);
        }));
    }

    /** For the clocked job (on a worker thread): claims one due estimator and runs it; false when none is due. */
    public boolean estimateNextDue(Instant now) {
        return inTransaction(c -> {
            Estimator e = claim(c, now);
            if (e == null) {
                return false;
            }
            estimate(c, e, now, e.lastRecheckAt() == null
                    || !e.lastRecheckAt().isAfter(now.minus(config.recheckInterval())));
            return true;
        });
    }

    private Estimator claim(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_DUE)) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private Estimator fit(Connection c, EstimatorSettings s, String actor, Instant now) throws SQLException {
        List<ScoredRows> days = new ArrayList<>();
        for (Instant dayStart = s.referenceFrom().truncatedTo(ChronoUnit.DAYS); dayStart.isBefore(s.referenceTo());
                dayStart = dayStart.plus(1, ChronoUnit.DAYS)) {
            Instant from = dayStart.isBefore(s.referenceFrom()) ? s.referenceFrom() : dayStart;
            Instant end = dayStart.plus(1, ChronoUnit.DAYS);
            days.add(ScoredRows.read(c, s, from, end.isAfter(s.referenceTo()) ? s.referenceTo() : end));
        }
        EstimatorModel model = EstimatorFit.fit(s, days, config.minReferenceLabelled());
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, s.systemKey());
            ps.setTimestamp(2, Timestamp.from(s.referenceFrom()));
            ps.setTimestamp(3, Timestamp.from(s.referenceTo()));
            ps.setDouble(4, s.threshold());
            ps.setString(5, s.positiveLabel());
            ps.setString(6, s.calibration().name());
            ps.setDouble(7, s.realizedFromLabelledShare());
            ps.setString(8, json(model));
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            ps.setString(12, actor);
            ps.setTimestamp(13, Timestamp.from(now));
            ps.setString(14, actor);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("delete from metrics.performance_estimates where system_key = ?")) {
            ps.setString(1, s.systemKey());
            ps.executeUpdate();
        }
        return find(c, s.systemKey(), FIND);
    }

    /**
     * Estimates the changed days: with {@code lookBack}, every day of the recheck window (every day since the
     * reference's start on the first run), else today and yesterday only.
     */
    private int estimate(Connection c, Estimator e, Instant now, boolean lookBack) throws SQLException {
        EstimatorSettings s = e.settings();
        Instant from = s.referenceFrom().truncatedTo(ChronoUnit.DAYS);
        Instant window = lookBack ? now.minus(config.recheck()) : now.minus(1, ChronoUnit.DAYS);
        if ((e.lastEstimatedAt() != null || !lookBack) && from.isBefore(window)) {
            from = window.truncatedTo(ChronoUnit.DAYS);
        }
        Instant to = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        Map<LocalDate, Fingerprint> stored = stored(c, s.systemKey(), from);
        int estimated = 0;
        for (Map.Entry<LocalDate, Fingerprint> day : fingerprints(c, s.systemKey(), from, to).entrySet()) {
            if (day.getValue().equals(stored.get(day.getKey()))) {
                continue;
            }
            Instant start = day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
            ScoredRows rows = ScoredRows.read(c, s, start, start.plus(1, ChronoUnit.DAYS));
            store(c, s.systemKey(), day.getKey(), day.getValue(), DayEstimate.of(s, e.model(), rows), now);
            estimated++;
        }
        try (PreparedStatement ps = c.prepareStatement(DONE)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.plus(config.estimationInterval())));
            ps.setTimestamp(3, lookBack ? Timestamp.from(now) : null);
            ps.setString(4, s.systemKey());
            ps.executeUpdate();
        }
        return estimated;
    }

    private static Map<LocalDate, Fingerprint> fingerprints(Connection c, String systemKey, Instant from, Instant to)
            throws SQLException {
        Map<LocalDate, Fingerprint> days = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(FINGERPRINTS)) {
            ps.setString(1, systemKey);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getObject(1, LocalDate.class),
                            new Fingerprint(rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return days;
    }

    private static Map<LocalDate, Fingerprint> stored(Connection c, String systemKey, Instant from) throws SQLException {
        Map<LocalDate, Fingerprint> days = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STORED)) {
            ps.setString(1, systemKey);
            ps.setObject(2, LocalDate.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(rs.getObject(1, LocalDate.class),
                            new Fingerprint(rs.getLong(2), rs.getLong(3), rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return days;
    }

    private static void store(Connection c, String systemKey, LocalDate day, Fingerprint fingerprint,
            List<DayEstimate> metrics, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPSERT_ESTIMATE)) {
            for (DayEstimate m : metrics) {
                ps.setString(1, systemKey);
                ps.setObject(2, day);
                ps.setString(3, m.metric().key());
                ps.setLong(4, fingerprint.predictions());
                ps.setLong(5, fingerprint.labelled());
                ps.setTimestamp(6, Timestamp.from(fingerprint.lastReceived()));
                setFinite(ps, 7, m.estimated());
                setFinite(ps, 8, m.samplingError());
                setFinite(ps, 9, m.realized() == null ? Double.NaN : m.realized());
                ps.setTimestamp(10, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setFinite(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            ps.setDouble(index, value);
        } else {
            ps.setNull(index, java.sql.Types.DOUBLE);
        }
    }

    private Estimator find(Connection c, String systemKey, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, systemKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private Estimator read(ResultSet rs) throws SQLException {
        EstimatorSettings settings = new EstimatorSettings(rs.getString("system_key"),
                rs.getTimestamp("reference_from").toInstant(), rs.getTimestamp("reference_to").toInstant(),
                rs.getDouble("threshold"), rs.getString("positive_label"),
                CalibrationMethod.valueOf(rs.getString("calibration_method")), rs.getDouble("realized_from_labelled_share"));
        EstimatorModel model;
        try {
            model = mapper.readValue(rs.getString("model"), EstimatorModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored model of estimator " + settings.systemKey() + " is unreadable", e);
        }
        Timestamp last = rs.getTimestamp("last_estimated_at");
        Timestamp recheck = rs.getTimestamp("last_recheck_at");
        return new Estimator(settings, model, rs.getTimestamp("fitted_at").toInstant(),
                rs.getTimestamp("next_estimation_at").toInstant(), last == null ? null : last.toInstant(),
                recheck == null ? null : recheck.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private String json(EstimatorModel model) {
        try {
            return mapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T inTransaction(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.inTransaction(dataSource, "performance estimation", work);
    }

    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(Objects::requireNonNull);
    }
}
