package io.refinery.oversight.review.rules;

import java.util.ArrayList;
import java.util.List;

import io.refinery.oversight.policy.tiers.Resolution;
import io.refinery.oversight.policy.tiers.Tier;

/**
 * Where a submitted request lands once its tier is resolved: nothing relaxes without a human approval (a relaxation
 * proposal is always REVIEW_AND_APPROVAL), and EXCEPTION_HANDLING is recorded as approved at once.
 */
public final class SubmissionRules {

    private SubmissionRules() {
    }

    /** The resolver's answer, raised to REVIEW_AND_APPROVAL for a relaxation proposal, with the reason added. */
    public static Resolution withRelaxationFloor(String actionType, Resolution r) {
        if (!ActionTypes.RELAXATION.equals(actionType) || r.tier() == Tier.REVIEW_AND_APPROVAL) {
            return r;
        }
        List<String> reasons = new ArrayList<>(r.reasons());
        reasons.add("an " + ActionTypes.RELAXATION + " always needs an approver: REVIEW_AND_APPROVAL");
        return new Resolution(Tier.REVIEW_AND_APPROVAL, r.requiredApprovals(), r.sla(), r.escalationRole(), r.ruleIndex(),
                r.basis(), reasons);
    }

    /** The state a new request starts in under {@code tier}. */
    public static ReviewState initialState(Tier tier) {
        return tier == Tier.EXCEPTION_HANDLING ? ReviewState.AUTO_APPROVED : ReviewState.PENDING;
    }
}
