package io.refinery.oversight.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Data of {@code io.refinery.oversight.decision.made.v1} on refinery.oversight.decisions. The first seven fields
 * are the contract consumers rely on (metrics-service's DecisionsConsumer); the rest were added after and may be
 * ignored. {@code clientId} is the id the request was sent under when it was not a UUID (README, "Ids"), else null.
 */
@RegisterForReflection
public record DecisionMade(UUID requestId, String systemKey, String actionType, String outcome, String decidedBy,
        String rationale, Instant decidedAt, String tier, List<String> approvers, String modifications, Source source,
        boolean automatic, String clientId) {

    @RegisterForReflection
    public record Source(String service, String eventId) {
    }
}
