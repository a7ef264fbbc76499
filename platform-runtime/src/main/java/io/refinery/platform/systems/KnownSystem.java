package io.refinery.platform.systems;

import java.time.Instant;

/** An AI system as the registry (oversight-service) last described it, kept by a service from refinery.systems. */
public record KnownSystem(String key, String name, String kind, String ownerTeam, String brandImpact,
        String financialImpact, String customerImpact, long revision, Instant updatedAt) {
}
