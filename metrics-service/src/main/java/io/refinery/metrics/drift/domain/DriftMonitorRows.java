package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.refinery.metrics.drift.stats.DriftMethod;

/**
 * The JDBC side of a drift monitor's evaluation schedule, inside the evaluating transaction: claiming a due monitor
 * (skipping those another replica holds), locking one, and writing back its next run or its failure.
 */
final class DriftMonitorRows {

    private static final String COLUMNS = "id, system_key, name, features, reference_from, reference_to,"
            + " reference_trailing_days, reference_lag_days, current_days, method, dataset_drift_share, failed_attempts,"
            + " multivariate";
    private static final String CLAIM_DUE = "select " + COLUMNS + " from metrics.drift_monitors where deleted_at is null"
            + " and next_evaluation_at <= ? order by next_evaluation_at limit 1 for update skip locked";
    private static final String LOCK_ONE = "select " + COLUMNS + " from metrics.drift_monitors where id = ?"
            + " and deleted_at is null for update";
    private static final String SCHEDULE = "update metrics.drift_monitors set last_evaluated_at = ?,"
            + " next_evaluation_at = coalesce(?, next_evaluation_at), failed_attempts = 0, last_error = null where id = ?";
    private static final String RECORD_FAILURE = "update metrics.drift_monitors set failed_attempts = ?, last_error = ?,"
            + " last_failed_at = ?, next_evaluation_at = ? where id = ?";

    private DriftMonitorRows() {
    }

    /** The monitor due first at {@code now} that no other transaction holds, locked; null when none is due. */
    static DriftMonitor claimDue(Connection c, Instant now) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(CLAIM_DUE)) {
            claim.setObject(1, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = claim.executeQuery()) {
                return rs.next() ? monitor(rs) : null;
            }
        }
    }

    /** The live monitor {@code id}, locked; null when unknown or retired. */
    static DriftMonitor lockOne(Connection c, UUID id) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_ONE)) {
            lock.setObject(1, id);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() ? monitor(rs) : null;
            }
        }
    }

    /** Records a success at {@code evaluatedAt}; {@code nextEvaluationAt} null keeps the schedule. */
    static void evaluated(Connection c, UUID monitorId, Instant evaluatedAt, Instant nextEvaluationAt)
            throws SQLException {
        try (PreparedStatement schedule = c.prepareStatement(SCHEDULE)) {
            schedule.setObject(1, evaluatedAt.atOffset(ZoneOffset.UTC));
            schedule.setObject(2, nextEvaluationAt == null ? null : nextEvaluationAt.atOffset(ZoneOffset.UTC),
                    Types.TIMESTAMP_WITH_TIMEZONE);
            schedule.setObject(3, monitorId);
            schedule.executeUpdate();
        }
    }

    /** Records the {@code failures}-th failure in a row with its message, and when to try again. */
    static void failed(Connection c, UUID monitorId, int failures, String message, Instant now, Instant retryAt)
            throws SQLException {
        try (PreparedStatement failed = c.prepareStatement(RECORD_FAILURE)) {
            failed.setInt(1, failures);
            failed.setString(2, message);
            failed.setObject(3, now.atOffset(ZoneOffset.UTC));
            failed.setObject(4, retryAt.atOffset(ZoneOffset.UTC));
            failed.setObject(5, monitorId);
            failed.executeUpdate();
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
        m.multivariate = rs.getBoolean(13);
        return m;
    }
}
