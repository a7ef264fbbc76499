package io.refinery.feedback.intake.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;

/**
 * The shape of a support agent's debrief, for the OpenAPI document only: {@code POST /api/v1/feedback/debriefs}
 * reads its body as bytes and checks it field by field ({@code FeedbackReader.readDebrief}); it is stored as a
 * SUPPORT_REVIEW feedback item.
 */
@Schema(name = "DebriefItem", description = "A support agent's structured debrief of one AI interaction; unknown "
        + "fields are refused. aiAction and text are PII-redacted before anything is stored")
public record DebriefItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "desk:ticket-8812.debrief", description = "Client id: " + ClientId.RULE + ". A UUID is the "
                        + "item's id; any other id maps to a name-based UUID (README, Ids), shown beside it as "
                        + "clientId. Resending it changes nothing") String id,
        @Schema(required = true, maxLength = 64, pattern = "^[a-z0-9][a-z0-9-]{0,63}$", example = "support-bot",
                description = "A registered AI system") String systemKey,
        @Schema(required = true, minLength = 1, maxLength = 100, example = "agent-7", description = "Kept as source.agentId")
        String agentId,
        @Schema(required = true, minLength = 1, maxLength = 1000, example = "Offered a refund without checking the order",
                description = "What the AI did") String aiAction,
        @Schema(required = true, enumeration = { "POSITIVE", "NEUTRAL", "NEGATIVE", "ESCALATED", "ABANDONED" },
                example = "NEGATIVE", description = "How the customer reacted") String customerReaction,
        @Schema(required = true, maxLength = 64, pattern = "^[a-z0-9][a-z0-9-]{0,63}$", example = "refund") String category,
        @Schema(required = true, minLength = 1, maxLength = 5000, example = "Customer was angry, wanted a human")
        String text,
        @Schema(required = true, example = "2026-11-24T09:00:00Z", description = "ISO-8601 UTC, at most 5 minutes ahead")
        Instant occurredAt,
        @Schema(maxLength = 40, pattern = "^[a-z0-9][a-z0-9_-]{0,39}$", example = "returning",
                description = "The customer's segment; 'unknown' when absent") String customerSegment,
        @Schema(minimum = "0", maximum = "10", example = "3", description = "A rating, 0 to 10") Double rating) {
}
