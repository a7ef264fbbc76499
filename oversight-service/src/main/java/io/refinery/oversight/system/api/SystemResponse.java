package io.refinery.oversight.system.api;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.oversight.system.api.SystemRequest.RiskProfileBody;
import io.refinery.oversight.system.domain.AiSystem;
import io.refinery.oversight.system.domain.SystemKind;

/** An AI system as {@code /api/v1/systems} shows it. */
@Schema(name = "System", description = "An AI system in the registry")
public record SystemResponse(
        UUID id,
        @Schema(example = "reco-engine") String key,
        @Schema(example = "Homepage recommendation engine") String name,
        SystemKind kind,
        @Schema(example = "discovery") String ownerTeam,
        RiskProfileBody riskProfile,
        @Schema(description = "Grows by one with every update", example = "1") long revision,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    public static SystemResponse of(AiSystem s) {
        return new SystemResponse(s.id, s.systemKey, s.name, s.kind, s.ownerTeam,
                new RiskProfileBody(s.riskProfile.brandImpact, s.riskProfile.financialImpact, s.riskProfile.customerImpact),
                s.revision, s.createdAt, s.createdBy, s.updatedAt, s.updatedBy);
    }
}
