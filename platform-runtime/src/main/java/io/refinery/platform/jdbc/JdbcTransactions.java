package io.refinery.platform.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Runs blocking JDBC work in one transaction on the caller's (worker) thread, retrying the whole unit when PostgreSQL
 * aborts it for a deadlock, a serialization failure or a key that a concurrent transaction just inserted: the work
 * must therefore compute everything it writes inside the transaction. For the few packages a service allows JDBC in
 * (its {@code ArchitectureTest}'s {@code jdbcPackages()}).
 */
public final class JdbcTransactions {

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(JdbcTransactions.class);
    private static final Set<String> RETRIED = Set.of("40001", "40P01", "23505");
    private static final int ATTEMPTS = 5;

    private JdbcTransactions() {
    }

    /** Whether PostgreSQL aborted the transaction in a way that a new attempt of the whole unit may not meet again. */
    public static boolean isTransient(SQLException e) {
        return RETRIED.contains(e.getSQLState());
    }

    /**
     * Runs {@code work} in a transaction and commits it; a transient abort is retried up to 5 times, any other
     * failure rolls back and is thrown ({@code what} names the work in the message).
     */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
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
                if (!isTransient(e) || attempt == ATTEMPTS) {
                    throw new IllegalStateException(what + " failed", e);
                }
                LOG.debugf("%s: attempt %d aborted (%s), retrying", what, attempt, e.getSQLState());
            }
        }
    }
}
