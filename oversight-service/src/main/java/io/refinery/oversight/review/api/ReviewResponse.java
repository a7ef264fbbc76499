package io.refinery.oversight.review.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.oversight.review.domain.Review;
import io.refinery.oversight.review.domain.ReviewApproval;

/** A review as the queue and the detail show it. */
public record ReviewResponse(
        @Schema(description = "The review's id: the client id when it was a UUID, else its name-based UUID (README, Ids)")
        UUID id,
        @Schema(description = "The client id as sent when it was not a UUID; null when it was (then it is id)",
                example = "pricing:PRICE_CHANGE.2026-11-24_0001") String clientId,
        String systemKey, String actionType, String summary, JsonNode payload,
        Double magnitude, Double amount, Double confidence, String category, Source source, String submittedBy,
        String tier, int requiredApprovals, List<Approval> approvals, Integer policyVersion, String resolution,
        String escalationRole, String state, String assignee, Instant dueAt, Instant escalatedAt, Instant createdAt,
        Instant decidedAt, String decidedBy, String outcome, String rationale, JsonNode modifications) {

    public record Source(String service, String eventId) {
    }

    public record Approval(String approver, String outcome, String rationale, Instant at) {
    }

    static ReviewResponse of(Review r, List<ReviewApproval> approvals, ObjectMapper mapper) {
        return new ReviewResponse(r.id, r.clientId, r.systemKey, r.actionType, r.summary, json(mapper, r.payload), r.magnitude,
                r.amount, r.confidence, r.category, r.sourceService == null ? null : new Source(r.sourceService, r.sourceEventId),
                r.submittedBy, r.tier.name(), r.requiredApprovals,
                approvals == null ? null : approvals.stream()
                        .map(a -> new Approval(a.approver, a.outcome.name(), a.rationale, a.approvedAt)).toList(),
                r.policyVersion, r.resolution, r.escalationRole, r.state.name(), r.assignee, r.dueAt, r.escalatedAt,
                r.createdAt, r.decidedAt, r.decidedBy, r.outcome == null ? null : r.outcome.name(), r.rationale,
                json(mapper, r.modifications));
    }

    private static JsonNode json(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }
}
