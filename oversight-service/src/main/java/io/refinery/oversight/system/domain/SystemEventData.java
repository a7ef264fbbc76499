package io.refinery.oversight.system.domain;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code data} of system registered/updated events on refinery.systems: the whole entry, so the topic can be compacted. */
@RegisterForReflection
public record SystemEventData(String key, String name, String kind, String ownerTeam, RiskProfileData riskProfile,
        long revision, Instant updatedAt) {

    @RegisterForReflection
    public record RiskProfileData(String brandImpact, String financialImpact, String customerImpact) {
    }

    public static SystemEventData of(AiSystem system) {
        return new SystemEventData(system.systemKey, system.name, system.kind.name(), system.ownerTeam,
                new RiskProfileData(system.riskProfile.brandImpact.name(), system.riskProfile.financialImpact.name(),
                        system.riskProfile.customerImpact.name()),
                system.revision, system.updatedAt);
    }
}
