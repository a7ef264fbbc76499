package io.refinery.experiments.ingestion.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;

/**
 * The shape of one outcome item, for the OpenAPI document only: the endpoint reads items one by one
 * ({@code IngestItems}) so that each bad item can be named without refusing the batch.
 */
@Schema(name = "OutcomeItem", description = "A unit-level metric value; give exactly one of experimentKey or systemKey")
public record OutcomeItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "shop:order-123.conversion", description = "Client id: " + ClientId.RULE
                        + "; anything else refuses the item naming the field. Replaying it changes nothing") String id,
        @Schema(description = "Counts for this experiment (RUNNING or STOPPED)", example = "reco-ranker-v7") String experimentKey,
        @Schema(description = "Counts for each RUNNING or STOPPED experiment of the system that measures the metric")
        String systemKey,
        @Schema(required = true, maxLength = 200, example = "user-42") String unitId,
        @Schema(required = true, example = "conversion", description = "a-z, 0-9, '_', '.', '-' (up to 100 characters)")
        String metric,
        @Schema(required = true, example = "1") double value,
        @Schema(description = "ISO-8601 UTC, at most 5 minutes ahead; now when absent") Instant at) {
}
