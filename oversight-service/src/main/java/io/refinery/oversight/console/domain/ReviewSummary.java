package io.refinery.oversight.console.domain;

import java.time.Instant;
import java.util.UUID;

import io.refinery.oversight.review.domain.Review;

/** The facts of one request, as its page heads them: what, where, how urgent, who, and how it was decided. */
public record ReviewSummary(UUID id, String clientId, String systemKey, String actionType, String summary, String tier,
        String tierCode, String state, SlaStatus sla, Stamp due, Stamp created, Stamp escalated, String submittedBy,
        String assignee, String resolution, Integer policyVersion, String magnitude, String amount, String confidence,
        String category, String source, int requiredApprovals, Stamp decided, String decidedBy, String outcome,
        String rationale, boolean pending) {

    public static ReviewSummary of(Review r, Instant now) {
        return new ReviewSummary(r.id, r.clientId, r.systemKey, r.actionType, r.summary, Labels.tier(r.tier), r.tier.name(),
                Labels.constant(r.state.name()), SlaStatus.of(r.state, r.createdAt, r.dueAt, now), Stamp.of(r.dueAt),
                Stamp.of(r.createdAt), Stamp.of(r.escalatedAt), r.submittedBy, r.assignee, r.resolution, r.policyVersion,
                number(r.magnitude), number(r.amount), number(r.confidence), r.category,
                r.sourceService == null ? null : r.sourceService + (r.sourceEventId == null ? "" : " (event " + r.sourceEventId + ")"),
                r.requiredApprovals, Stamp.of(r.decidedAt), r.decidedBy, r.outcome == null ? null : Labels.constant(r.outcome.name()),
                r.rationale, r.state == io.refinery.oversight.review.rules.ReviewState.PENDING);
    }

    private static String number(Double v) {
        return v == null ? null : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
