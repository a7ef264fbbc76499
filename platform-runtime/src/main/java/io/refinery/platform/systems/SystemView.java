package io.refinery.platform.systems;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    public static SystemView of(KnownSystem s) {
        return new SystemView(s.key(), s.name(), s.kind(), s.ownerTeam(),
                new RiskProfile(s.brandImpact(), s.financialImpact(), s.customerImpact()), s.revision(), s.updatedAt());
    }
}
