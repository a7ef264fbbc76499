package io.refinery.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The refinery database, read directly (never through a service). */
final class Db {

    private Db() {
    }

    static Connection connect(Config config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.dbUser(), config.dbPassword());
    }

    /**
     * Number of committed observations of the system, read from its daily all-segment rollups. These are
     * written in the same statement as the rows, so they count exactly the committed rows, and reading them
     * costs a few index lookups instead of a scan of the table the benchmark is filling.
     */
    static long countFromRollups(Connection c, String systemKey) throws SQLException {
        return single(c, "select coalesce(sum(count), 0) from metrics.rollups"
                + " where system_key = ? and step = 'P1D' and segment = ''", systemKey);
    }

    private static long single(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
