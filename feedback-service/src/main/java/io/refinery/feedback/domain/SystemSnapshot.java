package io.refinery.feedback.domain;

import java.time.Instant;

/** An AI system as the registry last described it. */
public record SystemSnapshot(String key, String name, String kind, String ownerTeam, String brandImpact,
        String financialImpact, String customerImpact, long revision, Instant updatedAt) {
}
