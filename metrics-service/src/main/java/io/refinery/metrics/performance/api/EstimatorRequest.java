package io.refinery.metrics.performance.api;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.performance.domain.EstimatorSettings;
import io.refinery.metrics.performance.estimation.CalibrationMethod;

/** Body of {@code PUT /api/v1/performance/estimators/{systemKey}}. */
@Schema(name = "EstimatorRequest", description = "A performance estimator: fitted on a labelled reference period of the"
        + " system's prediction stream (drift samples whose prediction is a score in [0, 1] and whose outcome arrives later)")
public record EstimatorRequest(
        @Schema(description = "Start of the labelled reference period", example = "2026-11-01T00:00:00Z") @NotNull Instant referenceFrom,
        @Schema(description = "End of the reference period (exclusive)", example = "2026-11-15T00:00:00Z") @NotNull Instant referenceTo,
        @Schema(description = "Scores at or above it are predicted positive; default 0.5", example = "0.5") Double threshold,
        @Schema(description = "The outcome label that is the positive class (the outcome 1 always is); default \"true\"",
                example = "returned") @Size(max = 200) String positiveLabel,
        @Schema(description = "How scores are calibrated before estimating; default ISOTONIC. Applied only when the"
                + " out-of-fold check shows that it lowers the calibration error", example = "ISOTONIC") CalibrationMethod calibration,
        @Schema(description = "A day's realized metrics replace its estimates once this share of its predictions has"
                + " outcomes; default 0.95", example = "0.95") Double realizedFromLabelledShare) {

    EstimatorSettings toSettings(String systemKey) {
        return new EstimatorSettings(systemKey, referenceFrom, referenceTo,
                threshold == null ? EstimatorSettings.DEFAULT_THRESHOLD : threshold,
                positiveLabel == null ? EstimatorSettings.DEFAULT_POSITIVE_LABEL : positiveLabel,
                calibration == null ? CalibrationMethod.ISOTONIC : calibration,
                realizedFromLabelledShare == null ? EstimatorSettings.DEFAULT_REALIZED_SHARE : realizedFromLabelledShare);
    }
}
