package io.refinery.oversight.console.domain;

import java.time.Duration;
import java.time.Instant;

import io.refinery.oversight.review.rules.ReviewState;

/**
 * Where a request stands against its due time, as the queue colours it: overdue once the due time has passed, due
 * soon in the last hour or the last quarter of its SLA (whichever is longer), on time before that; decided requests
 * are closed. Each status has a label, so colour is never the only sign.
 */
public enum SlaStatus {
    ON_TIME("ok", "On time"), DUE_SOON("due-soon", "Due soon"), OVERDUE("overdue", "Overdue"), CLOSED("closed", "Closed");

    private static final Duration SOON = Duration.ofHours(1);

    private final String css;
    private final String label;

    SlaStatus(String css, String label) {
        this.css = css;
        this.label = label;
    }

    public String css() {
        return css;
    }

    public String label() {
        return label;
    }

    public static SlaStatus of(ReviewState state, Instant createdAt, Instant dueAt, Instant now) {
        if (state != ReviewState.PENDING || dueAt == null) {
            return CLOSED;
        }
        if (!now.isBefore(dueAt)) {
            return OVERDUE;
        }
        Duration left = Duration.between(now, dueAt);
        Duration sla = createdAt == null || !dueAt.isAfter(createdAt) ? Duration.ZERO : Duration.between(createdAt, dueAt);
        Duration warning = sla.dividedBy(4).compareTo(SOON) > 0 ? sla.dividedBy(4) : SOON;
        return left.compareTo(warning) <= 0 ? DUE_SOON : ON_TIME;
    }
}
