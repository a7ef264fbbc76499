package io.refinery.platform.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.refinery.platform.ids.ClientId;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it follows the client-id rule, else a new UUID),
 * puts it in the logging context as {@code requestId}, so every log line about the request carries it, and echoes it
 * back. A new id is a version-4 UUID drawn from the thread's own random source: it only has to be unique, and
 * {@link UUID#randomUUID()} reads the shared SecureRandom under a lock on every request (3.6 % of the event loop in
 * the assignment benchmark's profile, BENCHMARKS.md).
 */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    private static final String PROPERTY = "refinery.requestId";

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && ClientId.isValid(given) ? given : newId();
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
