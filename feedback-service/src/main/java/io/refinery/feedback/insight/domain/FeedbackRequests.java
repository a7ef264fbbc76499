package io.refinery.feedback.insight.domain;

import io.refinery.platform.events.ReviewRequested;

/**
 * How this service asks for human oversight of its findings: a {@link ReviewRequested} of type {@value #REVIEW_REQUESTED}
 * on refinery.oversight.requests, the shape metrics-service sends for ALERT_REVIEW and DRIFT_REMEDIATION. Its
 * insights themselves go out as the shared {@link io.refinery.platform.events.InsightEvent} contract.
 */
public final class FeedbackRequests {

    public static final String REVIEW_REQUESTED = ReviewRequested.typeOf("feedback");
    public static final String CONTRADICTION_REVIEW = "CONTRADICTION_REVIEW";
    public static final String SERVICE = "feedback-service";

    private FeedbackRequests() {
    }
}
