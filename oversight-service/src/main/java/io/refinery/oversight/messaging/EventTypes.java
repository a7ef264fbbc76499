package io.refinery.oversight.messaging;

import io.refinery.platform.outbox.CloudEvent;

/** Topics and CloudEvent types this service publishes (DESIGN.md section 4). */
public final class EventTypes {

    public static final String SYSTEMS_TOPIC = "refinery.systems";
    public static final String SYSTEM_REGISTERED = "io.refinery.oversight.system.registered.v1";
    public static final String SYSTEM_UPDATED = "io.refinery.oversight.system.updated.v1";

    public static final String REQUESTS_TOPIC = "refinery.oversight.requests";
    public static final String DECISIONS_TOPIC = "refinery.oversight.decisions";
    public static final String DECISION_MADE = "io.refinery.oversight.decision.made.v1";
    /** Published on refinery.oversight.requests (DESIGN.md has no topic of its own for it); our consumer skips it. */
    public static final String REVIEW_OVERDUE = "io.refinery.oversight.review.overdue.v1";
    public static final String OWN_TYPE_PREFIX = "io.refinery.oversight.";

    private EventTypes() {
    }
}
