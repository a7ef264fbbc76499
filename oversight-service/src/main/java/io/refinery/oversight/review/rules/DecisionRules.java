package io.refinery.oversight.review.rules;

import java.util.ArrayList;
import java.util.List;

import io.refinery.oversight.policy.tiers.Tier;

/**
 * The four-eyes rules for one person's decision on a request, checked in this order:
 * <ol>
 * <li>a decided request stays decided;</li>
 * <li>nobody decides a request they submitted;</li>
 * <li>a relaxation of oversight is decided by an approver (or admin), and only approved or rejected as proposed;</li>
 * <li>a DEEP_COLLABORATION request is decided jointly in its session, not here;</li>
 * <li>a rejection decides at once, with the approvers so far;</li>
 * <li>approvals come from distinct people; the last one of a request needing two comes from an approver (or admin);</li>
 * <li>the last approval decides: MODIFY when it or any earlier approval modified (the latest modifications win when
 * the last approver did not modify), else APPROVE.</li>
 * </ol>
 */
public final class DecisionRules {

    private DecisionRules() {
    }

    /** What {@code decider} deciding {@code outcome} does to {@code review}, given the {@code approvals} so far. */
    public static DecisionStep decide(ReviewFacts review, List<Approval> approvals, Outcome outcome, String modifications,
            Decider decider) {
        Refusal refusal = refusal(review, outcome, decider);
        if (refusal != null) {
            return new DecisionStep.Refused(refusal);
        }
        List<String> approvers = new ArrayList<>(approvals.stream().map(Approval::approver).toList());
        if (outcome == Outcome.REJECT) {
            return new DecisionStep.Decided(Outcome.REJECT, modifications, approvers, false);
        }
        if (approvers.contains(decider.name())) {
            return new DecisionStep.Refused(Refusal.conflict("decidedBy", decider.name()
                    + " already approved this request; the second approval must come from someone else"));
        }
        int given = approvals.size() + 1;
        boolean last = given >= review.requiredApprovals();
        if (!last) {
            return new DecisionStep.ApprovalRecorded(given, review.requiredApprovals());
        }
        if (review.requiredApprovals() > 1 && !decider.hasApproverRights()) {
            return new DecisionStep.Refused(Refusal.forbidden("decidedBy",
                    "the second approval of a four-eyes request needs the approver role"));
        }
        approvers.add(decider.name());
        if (outcome != Outcome.MODIFY && approvals.stream().anyMatch(a -> a.outcome() == Outcome.MODIFY)) {
            return new DecisionStep.Decided(Outcome.MODIFY, latestModifications(approvals), approvers, true);
        }
        return new DecisionStep.Decided(outcome, modifications, approvers, true);
    }

    /** The refusal that holds before any approval is looked at, or null. */
    static Refusal refusal(ReviewFacts review, Outcome outcome, Decider decider) {
        if (!review.pending()) {
            return Refusal.conflict("state", "the request was already decided (" + review.state() + " by "
                    + review.decidedBy() + ")");
        }
        if (decider.name().equals(review.submittedBy())) {
            return Refusal.forbidden("decidedBy", "nobody decides a request they submitted (" + review.submittedBy() + ")");
        }
        if (review.relaxation() && !decider.hasApproverRights()) {
            return Refusal.forbidden("decidedBy", "a relaxation of oversight is decided by someone with the approver role");
        }
        if (review.relaxation() && outcome == Outcome.MODIFY) {
            return Refusal.invalid("outcome", "a relaxation is approved or rejected as proposed; to change it, reject it "
                    + "and edit the policy");
        }
        if (review.tier() == Tier.DEEP_COLLABORATION) {
            return Refusal.conflict("tier", "a DEEP_COLLABORATION request is decided jointly in its session: "
                    + "POST /api/v1/reviews/" + review.id() + "/session/decision");
        }
        return null;
    }

    /** The modifications of the latest approval that made any, or null. */
    static String latestModifications(List<Approval> approvals) {
        String latest = null;
        for (Approval a : approvals) {
            if (a.modifications() != null) {
                latest = a.modifications();
            }
        }
        return latest;
    }
}
