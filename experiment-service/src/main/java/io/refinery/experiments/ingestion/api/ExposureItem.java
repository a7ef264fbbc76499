package io.refinery.experiments.ingestion.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;

/**
 * The shape of one exposure item, for the OpenAPI document only: the endpoint reads items one by one
 * ({@code IngestItems}) so that each bad item can be named without refusing the batch.
 */
@Schema(name = "ExposureItem", description = "A unit saw a variant of an experiment")
public record ExposureItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "shop:exp-2026-11-24.0001", description = "Client id: " + ClientId.RULE
                        + "; anything else refuses the item naming the field. Replaying it changes nothing") String id,
        @Schema(required = true, example = "reco-ranker-v7", description = "The experiment's key (a slug)") String experimentKey,
        @Schema(required = true, maxLength = 200, example = "user-42") String unitId,
        @Schema(description = "A variant key; without it, the one the assignment gives is taken", example = "treatment")
        String variant,
        @Schema(description = "ISO-8601 UTC, at most 5 minutes ahead; now when absent") Instant at,
        @Schema(description = "The unit's pre-period value of the primary metric, for CUPED") Double covariate,
        @Schema(description = "The unit's attributes for segment analysis, at most 8: dimension (lowercase) to value "
                + "(1-64 characters); those of the unit's first exposure count", example = "{\"device\": \"mobile\", "
                + "\"customer_type\": \"new\"}") java.util.Map<String, String> segments) {
}
