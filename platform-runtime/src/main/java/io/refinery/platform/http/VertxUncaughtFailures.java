package io.refinery.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Vert.x's handler of uncaught failures, set at start. One failure is a known defect of the reactive SQL pool
 * (vertx-sql-client issue 1706, open for 4.5.x): when the database is unreachable, {@code SqlConnectionPool.execute}
 * fails the caller's promise with the connection error and leaves its acquisition timer running; the timer then
 * fails the same promise again and Vert.x reports {@code IllegalStateException: Result is already complete}, once
 * per refused query, 30 s later. The caller already had its answer (503, or a retry), so nothing is lost: this
 * handler counts those in {@code refinery_sql_pool_late_timeouts_total} and logs them at DEBUG instead of a stack
 * trace each. Every other uncaught failure is logged at ERROR as before.
 */
@ApplicationScoped
public class VertxUncaughtFailures {

    private static final Logger LOG = Logger.getLogger(VertxUncaughtFailures.class);

    void install(@Observes StartupEvent start, Vertx vertx, MeterRegistry registry) {
        Counter late = Counter.builder("refinery_sql_pool_late_timeouts_total")
                .description("Acquisition timers of the reactive SQL pool that fired after the query had already failed")
                .register(registry);
        vertx.exceptionHandler(failure -> {
            if (isLateSqlPoolTimeout(failure)) {
                late.increment();
                LOG.debugf("late SQL pool acquisition timeout after a failed query (vertx-sql-client#1706): %s", failure);
            } else {
                LOG.error("Uncaught exception received by Vert.x", failure);
            }
        });
    }

    static boolean isLateSqlPoolTimeout(Throwable failure) {
        if (!(failure instanceof IllegalStateException) || !"Result is already complete".equals(failure.getMessage())) {
            return false;
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith("io.vertx.sqlclient.impl.pool.SqlConnectionPool")) {
                return true;
            }
        }
        return false;
    }
}
