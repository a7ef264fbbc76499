package io.refinery.oversight.domain;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Gathers the facts a reviewer decides with from the other services' REST APIs: for an alert its record and the
 * metric series around it, the latest drift run, the period's top feedback themes and the system's running
 * experiments. Every part has a timeout; a part that fails says so ({@code UNAVAILABLE} with the reason) and never
 * fails the bundle.
 */
@ApplicationScoped
public class EvidenceBundle {

    /** One part of the bundle. */
    public record Part(String name, String status, String url, JsonNode data, String reason) {
    }

    public record Bundle(UUID reviewId, String systemKey, List<Part> parts) {
    }

    private final EvidenceConfig config;
    private final ObjectMapper mapper;
    private final WebClient client;

    public EvidenceBundle(EvidenceConfig config, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.mapper = mapper;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setUserAgent("refinery-oversight-service"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<Bundle> gather(Review review) {
        String key = enc(review.systemKey);
        List<Uni<Part>> parts = new ArrayList<>();
        JsonNode payload = readPayload(review.payload);
        String alertId = payload.path("alertId").asText(null);
        String metric = payload.path("metric").asText(null);
        if (alertId != null) {
            parts.add(fetch("alert", config.metricsUrl() + "/api/v1/alerts/" + enc(alertId)));
        }
        if (metric != null) {
            parts.add(fetch("metricSeries", config.metricsUrl() + "/api/v1/systems/" + key + "/metrics/" + enc(metric) + "/series"));
        }
        parts.add(fetch("latestDrift", config.metricsUrl() + "/api/v1/systems/" + key + "/drift/runs?limit=1"));
        parts.add(fetch("feedbackThemes", config.feedbackUrl() + "/api/v1/systems/" + key + "/themes?limit=5"));
        parts.add(fetch("runningExperiments", config.experimentsUrl() + "/api/v1/experiments?systemKey=" + key + "&state=RUNNING"));
        return Uni.join().all(parts).andCollectFailures().map(list -> new Bundle(review.id, review.systemKey, list));
    }

    private Uni<Part> fetch(String name, String url) {
        var request = client.getAbs(url).timeout(config.timeout().toMillis()).putHeader("Accept", "application/json");
        config.token().filter(t -> !t.isBlank()).ifPresent(t -> request.putHeader("Authorization", "Bearer " + t));
        return Uni.createFrom().completionStage(() -> request.send().toCompletionStage())
                .map(response -> {
                    if (response.statusCode() != 200) {
                        return new Part(name, "UNAVAILABLE", url, null, "HTTP " + response.statusCode());
                    }
                    try {
                        return new Part(name, "AVAILABLE", url, mapper.readTree(response.bodyAsString()), null);
                    } catch (Exception e) {
                        return new Part(name, "UNAVAILABLE", url, null, "unreadable JSON");
                    }
                })
                .onFailure().recoverWithItem(e -> new Part(name, "UNAVAILABLE", url, null,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private JsonNode readPayload(String text) {
        try {
            return mapper.readTree(text == null ? "{}" : text);
        } catch (Exception e) {
            return mapper.createObjectNode();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
