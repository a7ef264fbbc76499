package io.refinery.oversight.console.domain;

import java.time.Instant;
import java.util.UUID;

import io.refinery.oversight.review.domain.Review;

/** One request in the queue's table. */
public record QueueRow(UUID id, String tier, String systemKey, String actionType, String summary, Stamp due,
        SlaStatus sla, String assignee, String state, int requiredApprovals) {

    public static QueueRow of(Review r, Instant now) {
        return new QueueRow(r.id, Labels.tier(r.tier), r.systemKey, r.actionType, r.summary, Stamp.of(r.dueAt),
                SlaStatus.of(r.state, r.createdAt, r.dueAt, now), r.assignee, r.state.name(), r.requiredApprovals);
    }
}
