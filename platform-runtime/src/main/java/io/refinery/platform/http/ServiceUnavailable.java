package io.refinery.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.refinery.platform.messaging.Failures;
import io.refinery.platform.problem.Problem;

/**
 * The answer to a request that failed because the database or broker is unreachable ({@link Failures#isTransient}):
 * 503 problem+json with {@code Retry-After}, never a 500. Logged as one line when an outage starts and then at most
 * once a minute with the number of requests refused meanwhile, never a stack trace per request.
 */
public final class ServiceUnavailable {

    public static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(ServiceUnavailable.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final AtomicReference<Instant> LAST_LOGGED = new AtomicReference<>(Instant.EPOCH);
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private ServiceUnavailable() {
    }

    /** True when {@code failure} is an outage of a dependency rather than a defect. */
    public static boolean isOutage(Throwable failure) {
        return Failures.isTransient(failure);
    }

    public static Response response(Throwable failure) {
        log(failure);
        Problem body = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                "a dependency (database or broker) is unreachable; nothing was written. Retry after "
                        + RETRY_AFTER_SECONDS + " s");
        return Response.fromResponse(body.toResponse())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS)).build();
    }

    private static void log(Throwable failure) {
        Instant now = Instant.now();
        Instant last = LAST_LOGGED.get();
        if (Duration.between(last, now).compareTo(LOG_EVERY) >= 0 && LAST_LOGGED.compareAndSet(last, now)) {
            long suppressed = SUPPRESSED.getAndSet(0);
            LOG.warnf("answering 503 while a dependency is unreachable (%s)%s", root(failure),
                    suppressed > 0 ? "; " + suppressed + " more request(s) refused since the last line" : "");
        } else {
            SUPPRESSED.incrementAndGet();
        }
    }

    private static String root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
