package io.refinery.metrics.drift.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.stats.DriftMethod;
import io.refinery.metrics.drift.stats.DriftResult;
import io.refinery.metrics.drift.stats.PsiBand;

@Schema(name = "DriftComparison", description = "The outcome of one comparison of a current sample with a reference sample")
public record DriftCompareResponse(
        @Schema(description = "The method used; AUTO is resolved to the one it chose", example = "KS") DriftMethod method,
        @Schema(description = "KS: D; WASSERSTEIN: distance / reference std; PSI; JENSEN_SHANNON: distance; CHI_SQUARE: statistic",
                example = "0.142") double statistic,
        @Schema(description = "KS and CHI_SQUARE; null for the methods without one", nullable = true, example = "0.0003")
        Double pValue,
        @Schema(description = "The threshold applied: the one given or the method's default", example = "0.05") double threshold,
        @Schema(description = "p < threshold for KS and CHI_SQUARE, statistic >= threshold for the others") boolean drifted,
        @Schema(description = "PSI only: STABLE < 0.1 <= MODERATE <= 0.25 < MAJOR")
        @JsonInclude(JsonInclude.Include.NON_NULL) PsiBand band,
        @Schema(description = "How the p-value was computed, as scipy's ks_2samp chooses by default: KS EXACT (the exact "
                + "null distribution, up to 10,000 values per sample), ASYMPTOTIC (scipy's method='asymp': the "
                + "one-sample distribution at N = round(mn/(m+n))) or LIMITING (Kolmogorov's limit, for N above 5,000); "
                + "CHI_SQUARE ASYMPTOTIC; null without a p-value", nullable = true, example = "EXACT")
        String pValueMethod) {

    public static DriftCompareResponse of(DriftResult r) {
        return new DriftCompareResponse(r.method(), r.statistic(), r.pValue(), r.threshold(), r.drifted(), r.psiBand(),
                r.pValueMethod());
    }
}
