package io.refinery.metrics.drift.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.drift.domain.DriftMonitorDraft;
import io.refinery.metrics.drift.domain.MonitorFeature;
import io.refinery.metrics.drift.stats.DataType;
import io.refinery.metrics.drift.stats.DriftMethod;

/** Body of {@code POST /api/v1/drift/monitors}. */
@Schema(name = "DriftMonitorRequest", description = "Features of one AI system to compare daily against a reference window")
public record DriftMonitorRequest(
        @Schema(example = "reco-engine") @NotBlank @Size(max = 64) String systemKey,
        @Schema(example = "reco inputs") @NotBlank @Size(max = 200) String name,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid FeatureBody> features,
        @NotNull @Valid ReferenceBody reference,
        @Schema(description = "ISO-8601 duration, whole days: the UTC days closed at each evaluation", example = "P1D")
        @NotNull String current,
        @Schema(description = "Default AUTO (chosen per feature)", example = "AUTO") DriftMethod method,
        @Schema(description = "Dataset drift when at least this share of the compared features drifted; default 0.5",
                example = "0.5") Double datasetDriftShare,
        @Schema(description = "Also check the joint rows of the NUMERICAL features at each run (data reconstruction and a"
                + " domain classifier, as POST /api/v1/drift/multivariate does), which finds a broken correlation that"
                + " every one-feature test misses; default false", example = "true") Boolean multivariate) {

    @Schema(name = "DriftMonitorFeature")
    public record FeatureBody(
            @Schema(example = "basket_value", description = "The key in the samples' features") @NotBlank String name,
            @Schema(example = "NUMERICAL") @NotNull DataType type,
            @Schema(description = "Whether the model reads this feature (default true); false marks context signals the "
                    + "model lacks", example = "true") Boolean modelInput) {
    }

    @Schema(name = "DriftReference", description = "Fixed {from, to} (UTC midnights) or trailing {trailing, lag} (whole days; "
            + "the reference ends lag days before the current window)")
    public record ReferenceBody(
            @Schema(example = "2026-10-01T00:00:00Z") Instant from,
            @Schema(example = "2026-11-01T00:00:00Z") Instant to,
            @Schema(example = "P28D") String trailing,
            @Schema(example = "P7D", description = "Default P0D") String lag) {
    }

    public DriftMonitorDraft toDraft() {
        List<MonitorFeature> list = features.stream()
                .map(f -> new MonitorFeature(f.name(), f.type(), f.modelInput() == null || f.modelInput())).toList();
        return new DriftMonitorDraft(systemKey, name, list, reference.from(), reference.to(), reference.trailing(),
                reference.trailing() != null && reference.lag() == null ? "P0D" : reference.lag(), current,
                method == null ? DriftMethod.AUTO : method, datasetDriftShare == null ? 0.5 : datasetDriftShare,
                Boolean.TRUE.equals(multivariate));
    }
}
