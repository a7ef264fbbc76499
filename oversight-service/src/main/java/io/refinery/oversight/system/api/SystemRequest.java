package io.refinery.oversight.system.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.refinery.oversight.system.domain.ImpactLevel;
import io.refinery.oversight.system.domain.RiskProfile;
import io.refinery.oversight.system.domain.SystemKind;
import io.refinery.oversight.system.domain.SystemRegistry.SystemDraft;

/** Body of {@code POST /api/v1/systems} and {@code PUT /api/v1/systems/{key}}. */
@Schema(name = "SystemRequest", description = "An AI system to register or update")
public record SystemRequest(
        @Schema(description = "Slug, unique; fixed once registered. On PUT it may be omitted or must equal the path.",
                example = "reco-engine")
        @Pattern(regexp = SystemRequest.KEY_PATTERN, message = "must be a lowercase slug: a-z, 0-9 and '-', 2 to 64 characters")
        String key,
        @Schema(example = "Homepage recommendation engine") @NotBlank @Size(max = 200) String name,
        @Schema(example = "RECOMMENDATION") @NotNull SystemKind kind,
        @Schema(example = "discovery") @NotBlank @Size(max = 100) String ownerTeam,
        @NotNull @Valid RiskProfileBody riskProfile) {

    public static final String KEY_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$";

    @Schema(name = "RiskProfile", description = "Impact of a wrong action; decides the default oversight tier")
    public record RiskProfileBody(
            @Schema(example = "MEDIUM") @NotNull ImpactLevel brandImpact,
            @Schema(example = "HIGH") @NotNull ImpactLevel financialImpact,
            @Schema(example = "MEDIUM") @NotNull ImpactLevel customerImpact) {
    }

    public SystemDraft toDraft() {
        return new SystemDraft(name.strip(), kind, ownerTeam.strip(),
                new RiskProfile(riskProfile.brandImpact(), riskProfile.financialImpact(), riskProfile.customerImpact()));
    }
}
