package io.refinery.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class FailuresTest {

    @Test
    void anUnreachableDatabaseIsTransientHoweverDeepItIsWrapped() {
        Throwable refused = new CompletionException(new IllegalStateException("pool", new ConnectException("Connection refused")));
        assertThat(Failures.classify(refused)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(new java.util.concurrent.TimeoutException())).isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(Failures.classify(new org.apache.kafka.common.errors.TimeoutException("broker"))).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void sqlStatesDecideBetweenRetryAndRefusal() {
        // PostgreSQL manual, Appendix A: 40001 serialization_failure, 40P01 deadlock_detected, 57P01 admin_shutdown,
        // 08006 connection_failure, 53300 too_many_connections, 55P03 lock_not_available, 57014 query_canceled
        for (String state : new String[] {"40001", "40P01", "57P01", "57P03", "08006", "53300", "55P03", "57014"}) {
            assertThat(Failures.classify(new PgException("x", "ERROR", state, "d"))).as(state).isEqualTo(FailureKind.TRANSIENT);
            assertThat(Failures.classify(new SQLException("x", state))).as(state).isEqualTo(FailureKind.TRANSIENT);
        }
        // 22P02 invalid_text_representation, 23505 unique_violation, 23514 check_violation: the record is refused
        for (String state : new String[] {"22P02", "23505", "23514", "22003"}) {
            assertThat(Failures.classify(new PgException("x", "ERROR", state, "d"))).as(state).isEqualTo(FailureKind.POISON);
        }
        // 42P01 undefined_table is a defect, not the record's fault nor a passing outage
        assertThat(Failures.classify(new PgException("x", "ERROR", "42P01", "d"))).isEqualTo(FailureKind.UNEXPECTED);
    }

    @Test
    void poisonIsDeclaredAndEverythingElseIsUnexpected() {
        assertThat(Failures.classify(new PoisonMessageException("data.id is required"))).isEqualTo(FailureKind.POISON);
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(FailureKind.UNEXPECTED);
        assertThat(Failures.isTransient(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void aCauseThatPointsAtItselfEndsTheWalk() {
        Exception loop = new Exception("loop") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(Failures.classify(loop)).isEqualTo(FailureKind.UNEXPECTED);
    }
}
