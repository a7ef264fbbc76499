package io.refinery.platform.systems;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@value #REGISTERED} and {@value #UPDATED} on {@value #TOPIC} (compacted, key: the system key): the whole
 * registry entry, so the latest event of each key is all a projection needs. One record for the producer
 * (oversight-service's registry) and the consumers (the projection of metrics, experiments and feedback,
 * {@link SystemEventsConsumer}); unknown fields are ignored for forward compatibility.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SystemEventData(String key, String name, String kind, String ownerTeam, RiskProfileData riskProfile,
        long revision, Instant updatedAt) {

    public static final String TOPIC = "refinery.systems";
    public static final String REGISTERED = "io.refinery.oversight.system.registered.v1";
    public static final String UPDATED = "io.refinery.oversight.system.updated.v1";

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
