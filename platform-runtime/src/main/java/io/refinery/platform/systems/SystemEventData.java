package io.refinery.platform.systems;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code data} of oversight-service's system registered/updated events, as the projections read it; unknown
 * fields are ignored for forward compatibility.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemEventData(String key, String name, String kind, String ownerTeam, RiskProfileData riskProfile,
        long revision, Instant updatedAt) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RiskProfileData(String brandImpact, String financialImpact, String customerImpact) {
    }

    /** Null when a required field is missing: such an event is poison. */
    public KnownSystem toKnownSystem() {
        if (key == null || name == null || kind == null || ownerTeam == null || riskProfile == null
                || riskProfile.brandImpact() == null || riskProfile.financialImpact() == null
                || riskProfile.customerImpact() == null || revision < 1 || updatedAt == null) {
            return null;
        }
        return new KnownSystem(key, name, kind, ownerTeam, riskProfile.brandImpact(), riskProfile.financialImpact(),
                riskProfile.customerImpact(), revision, updatedAt);
    }
}
