package io.refinery.metrics.review.domain;

import io.refinery.platform.events.ReviewRequested;

/**
 * How this service sends its {@link ReviewRequested}s (the contract of refinery.oversight.requests, in
 * platform-runtime): alerts (ALERT_REVIEW) and drift detections (DRIFT_REMEDIATION) both write them through the
 * outbox; oversight-service answers on refinery.oversight.decisions.
 */
public final class ReviewRequests {

    public static final String TOPIC = ReviewRequested.TOPIC;
    public static final String REVIEW_REQUESTED = ReviewRequested.typeOf("metrics");
    /** The service that asks, as the request's source names it. */
    public static final String SERVICE = "metrics-service";

    private ReviewRequests() {
    }
}
