package io.refinery.metrics.drift.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.metrics.review.domain.ReviewRequests;
import io.refinery.platform.events.DriftDetected;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.events.ReviewRequested;
import io.refinery.platform.outbox.CloudEvent;
import io.refinery.platform.outbox.Outbox;

/**
 * What a drift detection publishes, through the outbox in the detecting transaction: the shared
 * {@link DriftDetected} contract on refinery.metrics.drift (key: the systemKey) and a
 * {@code DRIFT_REMEDIATION} request on refinery.oversight.requests, shaped like the ALERT_REVIEW request.
 */
@ApplicationScoped
public class DriftEvents {

    public static final String DRIFT_REMEDIATION = "DRIFT_REMEDIATION";

    private final Outbox outbox;

    public DriftEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends the event and the oversight request on {@code connection}'s open transaction; returns the event id. */
    public UUID detected(Connection connection, DriftDetected data, String summary, Double magnitude) throws SQLException {
        CloudEvent event = outbox.append(connection, DriftDetected.TOPIC, DriftDetected.TYPE, data.systemKey(), data);
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
        payload.put("driftedFeatures", data.driftedFeatures());
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
