package io.refinery.oversight.review.api;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.oversight.review.domain.ReviewIds;
import io.refinery.oversight.review.domain.Submission;
import io.refinery.oversight.review.rules.RequestValidator;
import io.refinery.oversight.review.rules.ReviewRequest;
import io.refinery.platform.ids.ClientId;

/**
 * Body of {@code POST /api/v1/reviews}; the same shape as the data of refinery.oversight.requests events, checked by
 * the same {@link RequestValidator} ({@link ValidReviewRequest}). The id follows the platform's client-id rule.
 */
@Schema(name = "ReviewSubmission", description = "A request for human oversight of one AI action")
@ValidReviewRequest
public record ReviewSubmission(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "pricing:PRICE_CHANGE.2026-11-24_0001", description = "Client id: " + ClientId.RULE
                        + ". A UUID is the review's id; any other id maps to a name-based UUID (README, Ids), shown "
                        + "beside it as clientId, and /api/v1/reviews/{id} takes either. Resubmitting it returns the "
                        + "stored review") @NotNull @ValidClientId String id,
        @Schema(required = true, pattern = RequestValidator.SYSTEM_KEY) String systemKey,
        @Schema(required = true, pattern = RequestValidator.ACTION_TYPE, example = "PRICE_CHANGE") String actionType,
        @Schema(required = true, minLength = 1, maxLength = RequestValidator.MAX_SUMMARY) String summary,
        @Schema(description = "Anything the reviewer needs; payload.category feeds 'category in [...]' conditions")
        JsonNode payload,
        @Schema(description = "Relative size of the change, e.g. 0.12 for 12 %") Double magnitude,
        @Schema(description = "Money at stake") Double amount,
        @Schema(description = "The AI's own confidence, 0 to 1", minimum = "0", maximum = "1") Double confidence,
        SourceBody source) {

    @Schema(name = "ReviewSource")
    public record SourceBody(
            @Schema(required = true, minLength = 1, maxLength = RequestValidator.MAX_SOURCE_SERVICE) String service,
            @Schema(required = true, minLength = 1, maxLength = RequestValidator.MAX_SOURCE_EVENT_ID) String eventId) {
    }

    /** The fields {@link RequestValidator} checks. */
    ReviewRequest fields() {
        ReviewRequest.Payload shape = payload == null ? ReviewRequest.Payload.ABSENT
                : payload.isObject() ? ReviewRequest.Payload.OBJECT : ReviewRequest.Payload.OTHER;
        return new ReviewRequest(systemKey, actionType, summary, shape, confidence,
                source == null ? null : new ReviewRequest.Source(source.service(), source.eventId()));
    }

    /** What the domain takes of this request; the submitter is the caller. */
    Submission submission(String submitter) {
        String category = payload != null && payload.path("category").isTextual() ? payload.path("category").asText() : null;
        return new Submission(ReviewIds.of(id), ClientId.originalUnlessUuid(id), systemKey, actionType, summary.strip(),
                payload == null ? "{}" : payload.toString(), magnitude, amount, confidence, category,
                source == null ? null : source.service(), source == null ? null : source.eventId(), submitter);
    }
}
