package io.refinery.metrics.drift.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftMethod;

/**
 * The shape of the compare body, for the OpenAPI document only: the endpoint reads it as a token stream
 * ({@link DriftCompareReader}) straight into primitive arrays.
 */
@Schema(name = "DriftCompareRequest", description = "Two samples of one feature and how to compare them")
public record DriftCompareRequest(
        @Schema(required = true) DataType type,
        @Schema(description = "Default AUTO") DriftMethod method,
        @Schema(required = true, description = "1 to 1,000,000 finite numbers (NUMERICAL) or strings (CATEGORICAL)")
        List<Object> reference,
        @Schema(required = true, description = "1 to 1,000,000 values of the same kind as reference") List<Object> current,
        @Schema(description = "Default: the chosen method's (0.05 for p-values, 0.1 for distances)", minimum = "0")
        Double threshold) {
}
