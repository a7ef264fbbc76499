package io.refinery.oversight.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;

/** Body of {@code POST /api/v1/reviews}; the same shape as the data of refinery.oversight.requests events. */
@Schema(name = "ReviewSubmission", description = "A request for human oversight of one AI action")
public record ReviewSubmission(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "pricing:PRICE_CHANGE.2026-11-24_0001", description = "Client id: " + ClientId.RULE
                        + ". A UUID is the review's id; any other id maps to a name-based UUID (README, Ids), shown "
                        + "beside it as clientId, and /api/v1/reviews/{id} takes either. Resubmitting it returns the "
                        + "stored review") @NotNull @ValidClientId String id,
        @NotBlank @Pattern(regexp = SystemRequest.KEY_PATTERN, message = "must be a lowercase slug") String systemKey,
        @Schema(example = "PRICE_CHANGE")
        @NotBlank @Pattern(regexp = PolicyRequest.ACTION_TYPE, message = "must be UPPER_SNAKE_CASE, up to 64 characters")
        String actionType,
        @NotBlank @Size(max = 2000) String summary,
        @Schema(description = "Anything the reviewer needs; payload.category feeds 'category in [...]' conditions")
        JsonNode payload,
        @Schema(description = "Relative size of the change, e.g. 0.12 for 12 %") Double magnitude,
        @Schema(description = "Money at stake") Double amount,
        @Schema(description = "The AI's own confidence, 0 to 1") @DecimalMin("0") @DecimalMax("1") Double confidence,
        @Valid SourceBody source) {

    @Schema(name = "ReviewSource")
    public record SourceBody(@NotBlank @Size(max = 100) String service, @NotBlank @Size(max = 200) String eventId) {
    }
}
