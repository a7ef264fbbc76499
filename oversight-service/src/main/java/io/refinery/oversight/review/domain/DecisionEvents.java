package io.refinery.oversight.review.domain;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.refinery.platform.events.DecisionMade;
import io.refinery.platform.events.DecisionOutcome;
import io.refinery.platform.events.RequestSource;
import io.refinery.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Writes a {@link DecisionMade} (the shared contract of refinery.oversight.decisions) for a decided review to the
 * outbox, in the caller's transaction.
 */
@ApplicationScoped
public class DecisionEvents {

    private final Outbox outbox;

    public DecisionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> decided(Review review, List<String> approvers, boolean automatic) {
        DecisionMade data = new DecisionMade(review.id, review.systemKey, review.actionType,
                DecisionOutcome.valueOf(review.outcome.name()),
                review.decidedBy, review.rationale, review.decidedAt, review.tier.name(), approvers, review.modifications,
                review.sourceService == null ? null : new RequestSource(review.sourceService, review.sourceEventId),
                automatic, review.clientId);
        return outbox.append(ReviewEventTypes.DECISIONS_TOPIC, ReviewEventTypes.DECISION_MADE, review.systemKey, data)
                .replaceWithVoid();
    }
}
