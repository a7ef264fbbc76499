package io.refinery.metrics.api.error;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body above its path's limit with a 413 problem+json naming the body, before the framework would close
 * the connection with an empty 413. {@code POST /api/v1/drift/compare} (two samples of up to 1,000,000 values) may
 * send up to {@code quarkus.http.limits.max-body-size}, the framework's own limit; every other path is held to
 * {@code refinery.http.max-body-size}. A chunked body without Content-Length is held only to the framework's limit.
 */
@ApplicationScoped
public class OversizeBodyFilter {

    /** The one path allowed the framework's whole limit. */
    public static final String COMPARE_PATH = "/api/v1/drift/compare";

    private final long maxBodyBytes;
    private final long maxCompareBodyBytes;

    public OversizeBodyFilter(@ConfigProperty(name = "refinery.http.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize frameworkLimit) {
        this.maxBodyBytes = Math.min(maxBodySize.asLongValue(), frameworkLimit.asLongValue());
        this.maxCompareBodyBytes = frameworkLimit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long limit = COMPARE_PATH.equals(ctx.normalizedPath()) ? maxCompareBodyBytes : maxBodyBytes;
            if (length != null && isOver(length, limit)) {
                refuse(ctx, limit);
                return;
            }
            ctx.next();
        });
    }

    private static void refuse(RoutingContext ctx, long limit) {
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"type\":\"https://refinery.io/problems/too-large\",\"title\":\"Content Too Large\","
                        + "\"status\":413,\"detail\":\"the body is larger than " + limit + " bytes\","
                        + "\"errors\":[{\"field\":\"body\",\"message\":\"must not exceed " + limit + " bytes\"}]}");
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
