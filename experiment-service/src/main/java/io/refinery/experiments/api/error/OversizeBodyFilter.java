package io.refinery.experiments.api.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a body above {@code quarkus.http.limits.max-body-size} with a 413 problem+json naming the body,
 * before the framework would close the connection with an empty 413.
 */
@ApplicationScoped
public class OversizeBodyFilter {

    private final long maxBodyBytes;

    public OversizeBodyFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"https://refinery.io/problems/too-large\",\"title\":\"Content Too Large\","
                                + "\"status\":413,\"detail\":\"the body is larger than " + maxBodyBytes + " bytes\","
                                + "\"errors\":[{\"field\":\"body\",\"message\":\"must not exceed " + maxBodyBytes
                                + " bytes\"}]}");
                return;
            }
            ctx.next();
        });
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
