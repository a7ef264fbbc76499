package io.refinery.platform.messaging;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.vertx.pgclient.PgException;

/**
 * Sorts a failure into {@link FailureKind}s by walking its cause chain. The first cause that decides wins:
 * a {@link PoisonMessageException}; a PostgreSQL SQLSTATE (connection, serialization, deadlock, resources,
 * shutdown and lock-timeout classes are transient; data exceptions and constraint violations are poison); a
 * network, timeout or retriable Kafka error (transient). Anything else is unexpected.
 */
public final class Failures {

    /** Failures known by class name whose libraries a service may not carry (Hibernate, Vert.x internals, Kafka). */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.VertxException$NoStackTraceTimeoutException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "io.smallrye.mutiny.TimeoutException",
            "io.netty.channel.ConnectTimeoutException",
            "org.apache.kafka.common.errors.RetriableException");

    private Failures() {
    }

    public static FailureKind classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            FailureKind kind = decide(t);
            if (kind != null) {
                return kind;
            }
        }
        return FailureKind.UNEXPECTED;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == FailureKind.TRANSIENT;
    }

    /** The first PostgreSQL SQLSTATE in the failure's cause chain, or null. */
    public static String sqlState(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** The failure's kind when this link of the chain decides it, else null. */
    private static FailureKind decide(Throwable t) {
        if (t instanceof PoisonMessageException) {
            return FailureKind.POISON;
        }
        if (t instanceof PgException pg) {
            return bySqlState(pg.getSqlState());
        }
        if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
            return FailureKind.TRANSIENT;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            FailureKind kind = bySqlState(sql.getSQLState());
            if (kind != null) {
                return kind;
            }
        }
        if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
            return FailureKind.TRANSIENT;
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (TRANSIENT_TYPES.contains(c.getName())) {
                return FailureKind.TRANSIENT;
            }
        }
        String message = t.getMessage();
        if (message != null && t.getClass().getName().startsWith("io.vertx.")
                && (message.contains("Connection") || message.contains("connection") || message.contains("closed"))) {
            return FailureKind.TRANSIENT;
        }
        return null;
    }

    /** PostgreSQL's error classes (Appendix A of its manual); null for those that decide nothing. */
    static FailureKind bySqlState(String state) {
        if (state == null || state.length() != 5) {
            return null;
        }
        String cls = state.substring(0, 2);
        return switch (cls) {
            // connection exception, insufficient resources, system error
            case "08", "53", "58" -> FailureKind.TRANSIENT;
            // serialization failure and deadlock; lock not available; admin/crash shutdown, cannot connect now
            case "40" -> FailureKind.TRANSIENT;
            case "55" -> "55P03".equals(state) ? FailureKind.TRANSIENT : null;
            case "57" -> state.startsWith("57P") || "57014".equals(state) ? FailureKind.TRANSIENT : null;
            // data exception, integrity constraint violation: the record itself is refused
            case "22", "23" -> FailureKind.POISON;
            default -> null;
        };
    }
}
