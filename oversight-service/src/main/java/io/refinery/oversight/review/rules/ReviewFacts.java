package io.refinery.oversight.review.rules;

import java.util.UUID;

import io.refinery.oversight.policy.tiers.Tier;

/** What the rules need to know of a stored request. */
public record ReviewFacts(UUID id, ReviewState state, String submittedBy, String decidedBy, String actionType, Tier tier,
        int requiredApprovals, String assignee) {

    public boolean pending() {
        return state == ReviewState.PENDING;
    }

    public boolean relaxation() {
        return ActionTypes.RELAXATION.equals(actionType);
    }
}
