package io.refinery.oversight.review.domain;

/** Topics and CloudEvent types of the review queue (DESIGN.md section 4). */
public final class ReviewEventTypes {

    public static final String REQUESTS_TOPIC = "refinery.oversight.requests";
    public static final String DECISIONS_TOPIC = "refinery.oversight.decisions";
    public static final String DECISION_MADE = "io.refinery.oversight.decision.made.v1";
    /** Published on refinery.oversight.requests (DESIGN.md has no topic of its own for it); our consumer skips it. */
    public static final String REVIEW_OVERDUE = "io.refinery.oversight.review.overdue.v1";
    /** Every type this service publishes starts so; the requests consumer skips them. */
    public static final String OWN_TYPE_PREFIX = "io.refinery.oversight.";

    private ReviewEventTypes() {
    }
}
