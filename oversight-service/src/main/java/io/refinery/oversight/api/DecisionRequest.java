package io.refinery.oversight.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import io.refinery.oversight.domain.Review;

/** Body of {@code POST /api/v1/reviews/{id}/decision}; the decider is the token's sub. */
public record DecisionRequest(@NotNull Review.Outcome outcome, @NotBlank @Size(max = 4000) String rationale,
        JsonNode modifications) {
}
