package io.refinery.metrics.observation.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether ingestion from topic refinery.metrics.observations is paused, shared by every replica through one row
 * of {@code metrics.ingestion_control}. Blocking JDBC: called from worker threads only (the resource and the
 * once-a-second follower).
 */
@ApplicationScoped
public class IngestionControl {

    public static final String OBSERVATIONS = "observations";

    /** The desired state of a channel and who set it. */
    public record State(String channel, boolean paused, String reason, String changedBy, Instant changedAt) {
    }

    private static final String READ = "select channel, paused, reason, changed_by, changed_at"
            + " from metrics.ingestion_control where channel = ?";
    private static final String WRITE = "update metrics.ingestion_control set paused = ?, reason = ?, changed_by = ?,"
            + " changed_at = now() where channel = ? returning channel, paused, reason, changed_by, changed_at";

    private final DataSource dataSource;

    public IngestionControl(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public State read(String channel) {
        return query(READ, ps -> ps.setString(1, channel));
    }

    public State set(String channel, boolean paused, String reason, String changedBy) {
        return query(WRITE, ps -> {
            ps.setBoolean(1, paused);
            ps.setString(2, reason);
            ps.setString(3, changedBy);
            ps.setString(4, channel);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private State query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no ingestion_control row; is the V5 migration applied?");
                }
                return new State(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot access ingestion control", e);
        }
    }
}
