package io.refinery.metrics.observation.api;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;
import io.refinery.metrics.ingestion.api.JsonBatch;

/**
 * The shape of one observation item, for the OpenAPI document only: the endpoint reads items as a token stream
 * ({@link JsonBatch}) so that each bad item can be named without refusing the batch.
 */
@Schema(name = "ObservationItem", description = "One metric observation of one AI system")
public record ObservationItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "reco-2026-11-24-ctr-0001", description = "Client id: " + ClientId.RULE
                        + "; anything else refuses the item naming the field. Replaying it changes nothing") String id,
        @Schema(required = true, maxLength = 64, description = "A registered AI system") String systemKey,
        @Schema(required = true, pattern = "^[a-z0-9][a-z0-9_.-]{0,99}$") String metric,
        @Schema(description = "Required unless numerator and denominator are given") Double value,
        @Schema(description = "With denominator: rates roll up as Σnumerator/Σdenominator", minimum = "0") Double numerator,
        @Schema(description = "Greater than 0; given together with numerator") Double denominator,
        @Schema(required = true, description = "ISO-8601 UTC, not before 1970, at most 5 minutes in the future") Instant observedAt,
        @Schema(description = "Up to 16 string values; 'segment' selects the rollup segment") Map<String, String> dimensions) {
}
