package io.refinery.oversight.evidence.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.evidence.links.EvidenceLinks;
import io.refinery.oversight.review.domain.Review;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Gathers the facts a reviewer decides with from the other services' REST APIs (the endpoints are listed on
 * {@link EvidenceLinks}): for an alert its record and the metric series around it, the latest drift run, the
 * period's top feedback themes, the system's running experiments, and an experiment's results when the request
 * names one. Every part has a timeout; a part that fails says so ({@code UNAVAILABLE} with the reason) and never
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
        JsonNode payload = readPayload(review.payload);
        return gather(review.id, new EvidenceLinks.Subject(review.systemKey, review.createdAt, text(payload, "alertId"),
                text(payload, "metric"), text(payload, "experimentKey"), text(payload, "valueSource")));
    }

    /** The bundle around {@code subject}; {@code reviewId} is null when it is about a system rather than a request. */
    public Uni<Bundle> gather(UUID reviewId, EvidenceLinks.Subject subject) {
        List<Uni<Part>> parts = new ArrayList<>();
        for (EvidenceLinks.Link link : EvidenceLinks.of(bases(), subject)) {
            parts.add(fetch(link.name(), link.url()));
        }
        return Uni.join().all(parts).andCollectFailures().map(list -> new Bundle(reviewId, subject.systemKey(), list));
    }

    /** An experiment and its results from experiment-service (parts {@code experiment} and {@code experimentResults}). */
    public Uni<List<Part>> experiment(String experimentKey) {
        List<Uni<Part>> parts = new ArrayList<>();
        for (EvidenceLinks.Link link : EvidenceLinks.experiment(bases(), experimentKey)) {
            parts.add(fetch(link.name(), link.url()));
        }
        return Uni.join().all(parts).andCollectFailures();
    }

    /** The system page's further parts about {@code systemKey} ({@link EvidenceLinks#system}). */
    public Uni<List<Part>> system(String systemKey, Instant now, Duration sentimentPeriod) {
        List<Uni<Part>> parts = new ArrayList<>();
        for (EvidenceLinks.Link link : EvidenceLinks.system(bases(), systemKey, now, sentimentPeriod)) {
            parts.add(fetch(link.name(), link.url()));
        }
        return Uni.join().all(parts).andCollectFailures();
    }

    EvidenceLinks.Bases bases() {
        return new EvidenceLinks.Bases(config.metricsUrl(), config.experimentsUrl(), config.feedbackUrl(),
                config.seriesBefore(), config.feedbackPeriod());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode v = payload.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
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
}
