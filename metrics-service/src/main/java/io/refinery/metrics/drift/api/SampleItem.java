package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.platform.ids.ClientId;
import io.refinery.metrics.ingestion.api.JsonBatch;

/**
 * The shape of one drift sample item, for the OpenAPI document only: the endpoint reads items as a token stream
 * ({@link JsonBatch}, {@code SampleReader}) so that each bad item can be named without refusing the batch.
 */
@Schema(name = "SampleItem", description = "Inputs, prediction and (when known) outcome of one prediction of one AI system")
public record SampleItem(
        @Schema(required = true, minLength = 1, maxLength = ClientId.MAX_LENGTH, pattern = ClientId.PATTERN,
                example = "checkout:2026-11-24.pred-0001", description = "Client id, unique per system: " + ClientId.RULE
                        + "; anything else refuses the item naming the field. A repeated id only adds a prediction or "
                        + "outcome the stored sample lacks; its features are ignored") String id,
        @Schema(required = true, maxLength = 64, description = "A registered AI system") String systemKey,
        @Schema(required = true, description = "ISO-8601 UTC, at most 5 minutes ahead and within the sample retention "
                + "(default 60 days); the UTC day its features count for") Instant observedAt,
        @Schema(description = "Up to 100 features: name (a-z, A-Z, 0-9, '_', '.', '-') to a number (NUMERICAL) or a "
                + "string or boolean (CATEGORICAL); null = missing") Map<String, Object> features,
        @Schema(description = "Number, string or boolean") Object prediction,
        @Schema(description = "Number, string or boolean; may come later in an item with the same id. The error "
                + "|prediction - outcome| (numbers) or 0/1 mismatch (labels) feeds the system's concept-drift detector "
                + "once, when both are known") Object outcome) {
}
