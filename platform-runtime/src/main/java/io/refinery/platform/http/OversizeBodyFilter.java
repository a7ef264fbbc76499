package io.refinery.platform.http;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.refinery.platform.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body above its path's limit with a 413 problem+json naming the body, before the framework would close
 * the connection with an empty 413. Paths listed in {@code refinery.http.large-body-paths} may send up to
 * {@code quarkus.http.limits.max-body-size}, the framework's own limit; every other path is held to
 * {@code refinery.http.max-body-size} (the framework's limit when unset). A chunked body without Content-Length is
 * held only to the framework's limit.
 */
@ApplicationScoped
public class OversizeBodyFilter {

    private final long maxBodyBytes;
    private final long frameworkLimitBytes;
    private final List<String> largeBodyPaths;

    public OversizeBodyFilter(@ConfigProperty(name = "refinery.http.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize frameworkLimit,
            @ConfigProperty(name = "refinery.http.large-body-paths") Optional<List<String>> largeBodyPaths) {
        this.frameworkLimitBytes = frameworkLimit.asLongValue();
        this.maxBodyBytes = Math.min(maxBodySize.map(MemorySize::asLongValue).orElse(frameworkLimitBytes),
                frameworkLimitBytes);
        this.largeBodyPaths = largeBodyPaths.orElse(List.of());
    }

    void install(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long limit = largeBodyPaths.contains(ctx.normalizedPath()) ? frameworkLimitBytes : maxBodyBytes;
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
