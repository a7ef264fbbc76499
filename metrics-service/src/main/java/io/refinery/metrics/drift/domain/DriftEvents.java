package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.metrics.review.domain.ReviewRequests;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.outbox.Outbox;

/**
 * What a drift detection publishes, through the outbox in the detecting transaction:
 * {@code io.refinery.metrics.drift.detected.v1} on refinery.metrics.drift (key: the systemKey) and a
 * {@code DRIFT_REMEDIATION} request on refinery.oversight.requests, shaped like the ALERT_REVIEW request.
 */
@ApplicationScoped
public class DriftEvents {

    public static final String TOPIC = "refinery.metrics.drift";
    public static final String DETECTED = "io.refinery.metrics.drift.detected.v1";
    public static final String DRIFT_REMEDIATION = "DRIFT_REMEDIATION";

    /** The data of a drift.detected event. */
    @RegisterForReflection
    public record DriftDetected(UUID detectionId, String kind, String systemKey, UUID monitorId, String monitorName,
            UUID runId, Windows windows, List<FeatureView> features, Double driftedShare, Double datasetDriftShare,
            Concept concept, RecommendationView recommendation, Instant detectedAt, UUID oversightRequestId) {
    }

    /** The windows a DATA detection compared, each [from, to). */
    @RegisterForReflection
    public record Windows(Instant currentFrom, Instant currentTo, Instant referenceFrom, Instant referenceTo) {
    }

    /** One feature's drift test. */
    @RegisterForReflection
    public record FeatureView(String feature, boolean modelInput, String method, Double statistic, Double pValue,
            Double threshold, boolean drifted, Double meanShift) {
    }

    /**
     * What the concept-drift detector saw: the error level after the change and, for ADWIN, before it (the mean of
     * the part of its window it dropped).
     */
    @RegisterForReflection
    public record Concept(String detector, long updates, Double errorBefore, double errorAfter) {
    }

    @RegisterForReflection
    public record RecommendationView(String action, List<String> reasons) {
    }

    private final Outbox outbox;

    public DriftEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends the event and the oversight request on {@code connection}'s open transaction; returns the event id. */
    public UUID detected(Connection connection, DriftDetected data, String summary, Double magnitude) throws SQLException {
        CloudEvent event = outbox.append(connection, TOPIC, DETECTED, data.systemKey(), data);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("detectionId", data.detectionId().toString());
        payload.put("kind", data.kind());
        if (data.monitorId() != null) {
            payload.put("monitorId", data.monitorId().toString());
            payload.put("monitorName", data.monitorName());
            payload.put("runId", data.runId().toString());
        }
        payload.put("action", data.recommendation().action());
        payload.put("reasons", data.recommendation().reasons());
        payload.put("driftedFeatures", data.features().stream().filter(FeatureView::drifted).map(FeatureView::feature).toList());
        if (data.concept() != null) {
            payload.put("concept", data.concept());
        }
        ReviewRequested request = new ReviewRequested(Objects.toString(data.oversightRequestId(), null), data.systemKey(),
                DRIFT_REMEDIATION, summary, payload, magnitude, null, null, new RequestSource(ReviewRequests.SERVICE,
                        event.id()));
        outbox.append(connection, ReviewRequests.TOPIC, ReviewRequests.REVIEW_REQUESTED, data.systemKey(), request);
        return UUID.fromString(event.id());
    }
}
