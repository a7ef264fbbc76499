package io.refinery.oversight.review.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Data of {@code io.refinery.oversight.review.overdue.v1}: a pending request passed its due time. */
@RegisterForReflection
public record ReviewOverdue(UUID requestId, String systemKey, String actionType, String tier, Instant dueAt,
        String escalatedTo, String assignee, Instant escalatedAt) {
}
