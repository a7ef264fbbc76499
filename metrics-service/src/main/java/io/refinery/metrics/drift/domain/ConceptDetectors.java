package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.metrics.drift.stats.Adwin;
import io.refinery.metrics.drift.stats.AdwinState;
import io.refinery.metrics.drift.stats.AdwinParameters;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.NotFoundProblem;
import io.refinery.platform.problem.UnprocessableProblem;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.jdbc.JdbcTransactions;

/**
 * The concept-drift detector of each system over its prediction errors, persisted in {@code metrics.drift_detectors}
 * (kind, parameters, and the whole state record as JSON), so a restart or another replica continues where the last
 * update stopped. ADWIN by default; Page–Hinkley on request. Each update runs in the ingesting transaction with the
 * detector row locked, so concurrent batches of one system feed it one after the other, and a sample's error feeds it
 * exactly once (when the ledger first knows both its prediction and its outcome).
 */
@ApplicationScoped
public class ConceptDetectors {

    public enum Kind { ADWIN, PAGE_HINKLEY }

    /** A detection: how many errors the detector had taken, and the error level it saw (see DriftDetected.Concept). */
    public record ConceptDetection(Kind detector, long updates, Double errorBefore, double errorAfter) {

        /** The relative rise of the error, when the level before is known and above 0. */
        public Double magnitude() {
            return errorBefore == null || errorBefore <= 0 ? null : (errorAfter - errorBefore) / errorBefore;
        }
    }

    /** A system's detector as the API shows it. */
    public record View(String systemKey, Kind detector, JsonNode parameters, long updates, long windowSize,
            double windowErrorMean, long detections, Instant lastDetectedAt, Instant lastRetrainAt, String updatedBy) {
    }

    private static final String CREATE = "insert into metrics.drift_detectors (system_key, detector, parameters, state,"
            + " updates, updated_at, updated_by) values (?, ?, ?, ?, 0, now(), ?) on conflict do nothing";
    private static final String LOCK = "select detector, parameters, state, updates, updated_by, last_detection_update"
            + " from metrics.drift_detectors where system_key = ? for update";
    private static final String SAVE = "update metrics.drift_detectors set state = ?, updates = ?,"
            + " last_detection_update = ?, updated_at = now() where system_key = ?";
    private static final String CONFIGURE = "insert into metrics.drift_detectors (system_key, detector, parameters, state,"
            + " updates, updated_at, updated_by) values (?, ?, ?, ?, 0, now(), ?) on conflict (system_key) do update set"
            + " detector = excluded.detector, parameters = excluded.parameters, state = excluded.state, updates = 0,"
            + " last_detection_update = null, updated_at = now(), updated_by = excluded.updated_by";
    private static final String HISTORY = "select (select count(*) from metrics.drift_detections where system_key = ?"
            + " and kind = 'CONCEPT'), (select max(detected_at) from metrics.drift_detections where system_key = ?"
            + " and kind = 'CONCEPT'), (select max(at) from metrics.drift_retrains where system_key = ?)";
    private static final String KNOWN = "select 1 from metrics.systems where system_key = ?";
    private static final String DEFAULT_ACTOR = "default";

    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final DetectorJson detectorJson;
    private final int cooldown;

    public ConceptDetectors(DataSource dataSource, ObjectMapper mapper, DriftConfig config) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.detectorJson = new DetectorJson(mapper);
        this.cooldown = config.conceptCooldown();
    }

    /**
     * Feeds {@code errors} in order to the system's detector inside {@code c}'s transaction and saves its state; returns
     * the first detection among them to report, or null. The detector keeps taking the errors after a detection. A
     * signal less than {@code refinery.drift.concept-cooldown} errors after the previous signal is not reported (the
     * same change settling), and restarts the cooldown.
     */
    ConceptDetection feed(Connection c, String systemKey, double[] errors) throws SQLException {
        try (PreparedStatement create = c.prepareStatement(CREATE)) {
            create.setString(1, systemKey);
            create.setString(2, Kind.ADWIN.name());
            create.setString(3, detectorJson.json(AdwinParameters.DEFAULTS));
            create.setString(4, detectorJson.json(AdwinState.INITIAL));
            create.setString(5, DEFAULT_ACTOR);
            create.executeUpdate();
        }
        RunningDetector detector;
        long updates;
        Long lastSignal;
        try (PreparedStatement lock = c.prepareStatement(LOCK)) {
            lock.setString(1, systemKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                detector = detectorJson.restore(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3));
                updates = rs.getLong(4);
                lastSignal = (Long) rs.getObject(6);
            }
        }
        ConceptDetection first = null;
        for (double error : errors) {
            ConceptDetection detection = detector.update(error, ++updates);
            if (detection != null) {
                if (first == null && (lastSignal == null || updates - lastSignal >= cooldown)) {
                    first = detection;
                }
                lastSignal = updates;
            }
        }
        try (PreparedStatement save = c.prepareStatement(SAVE)) {
            save.setString(1, detectorJson.json(detector.state()));
            save.setLong(2, updates);
            save.setObject(3, lastSignal, java.sql.Types.BIGINT);
            save.setString(4, systemKey);
            save.executeUpdate();
        }
        return first;
    }

    /** The system's detector; defaults (ADWIN, no errors yet) when none was fed or configured. */
    public Uni<View> view(String systemKey) {
        return blocking(() -> JdbcTransactions.inTransaction(dataSource, "reading a concept detector", c -> {
            requireKnown(c, systemKey, false);
            return read(c, systemKey);
        }));
    }

    /**
     * Sets the system's detector kind and parameters (the given fields over the kind's defaults) and resets its state:
     * errors seen under other settings are not comparable.
     *
     * @throws InvalidFieldsProblem if a parameter is unknown or out of range
     * @throws UnprocessableProblem if the system is unknown
     */
    public Uni<View> configure(String systemKey, Kind kind, JsonNode parameters, String actor) {
        RunningDetector fresh = detectorJson.fresh(kind, parameters);
        return blocking(() -> JdbcTransactions.inTransaction(dataSource, "configuring a concept detector", c -> {
            requireKnown(c, systemKey, true);
            try (PreparedStatement upsert = c.prepareStatement(CONFIGURE)) {
                upsert.setString(1, systemKey);
                upsert.setString(2, kind.name());
                upsert.setString(3, detectorJson.json(fresh.parameters()));
                upsert.setString(4, detectorJson.json(fresh.state()));
                upsert.setString(5, actor);
                upsert.executeUpdate();
            }
            return read(c, systemKey);
        }));
    }

    private View read(Connection c, String systemKey) throws SQLException {
        RunningDetector detector = detectorJson.fresh(Kind.ADWIN, null);
        long updates = 0;
        String updatedBy = DEFAULT_ACTOR;
        try (PreparedStatement q = c.prepareStatement(LOCK.replace(" for update", ""))) {
            q.setString(1, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    detector = detectorJson.restore(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3));
                    updates = rs.getLong(4);
                    updatedBy = rs.getString(5);
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement(HISTORY)) {
            q.setString(1, systemKey);
            q.setString(2, systemKey);
            q.setString(3, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new View(systemKey, detector.kind(), mapper.valueToTree(detector.parameters()), updates,
                        detector.windowSize(), detector.windowMean(), rs.getLong(1), instant(rs, 2), instant(rs, 3),
                        updatedBy);
            }
        }
    }

    private static void requireKnown(Connection c, String systemKey, boolean unprocessable) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(KNOWN)) {
            q.setString(1, systemKey);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        String message = "unknown AI system '" + systemKey + "': register it on oversight-service first";
        throw unprocessable ? new UnprocessableProblem("key", message) : new NotFoundProblem(message);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static String iterable(java.util.Iterator<String> names) {
        StringBuilder joined = new StringBuilder();
        names.forEachRemaining(n -> joined.append(joined.isEmpty() ? "" : ", ").append(n));
        return joined.toString();
    }

    private static <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

}
