package io.refinery.metrics.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.metrics.domain.SystemProjection;

@Schema(name = "System", description = "An AI system as this service knows it from the registry's events")
public record SystemView(
        @Schema(example = "reco-engine") String key,
        @Schema(example = "Homepage recommendation engine") String name,
        @Schema(example = "RECOMMENDATION") String kind,
        @Schema(example = "discovery") String ownerTeam,
        RiskProfile riskProfile,
        @Schema(example = "3") long revision,
        Instant updatedAt) {

    @Schema(name = "RiskProfile")
    public record RiskProfile(@Schema(example = "MEDIUM") String brandImpact,
            @Schema(example = "HIGH") String financialImpact,
            @Schema(example = "LOW") String customerImpact) {
    }

    public static SystemView of(SystemProjection p) {
        return new SystemView(p.systemKey, p.name, p.kind, p.ownerTeam,
                new RiskProfile(p.brandImpact, p.financialImpact, p.customerImpact), p.revision, p.updatedAt);
    }
}
