package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Runs the drift module's blocking work in one JDBC transaction on the caller's (worker) thread, retrying the whole
 * unit when PostgreSQL aborts it for a deadlock, a serialization failure or a key that a concurrent transaction just
 * inserted: the work must therefore compute everything it writes inside the transaction.
 */
final class DriftJdbc {

    /** Work inside a transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(DriftJdbc.class);
    private static final Set<String> RETRIED = Set.of("40001", "40P01", "23505");
    private static final int ATTEMPTS = 5;

    private DriftJdbc() {
    }

    /** Whether PostgreSQL aborted the transaction in a way that a new attempt of the whole unit may not meet again. */
    static boolean isTransient(SQLException e) {
        return RETRIED.contains(e.getSQLState());
    }

    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (!RETRIED.contains(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw new IllegalStateException(what + " failed", e);
                }
                LOG.debugf("%s: attempt %d aborted (%s), retrying", what, attempt, e.getSQLState());
            }
        }
    }
}
