package io.refinery.oversight.console.domain;

import java.util.List;

import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.ReviewFacts;
import io.refinery.oversight.review.rules.SessionRules;

/**
 * What the decision form offers the signed-in person, and why not when it offers nothing. It mirrors the review
 * rules ({@code review.rules.DecisionRules}, {@code ClaimRules}) so that nobody is shown a button the rules would
 * refuse; the rules still decide every post.
 *
 * @param blocked    why this person cannot decide now (a viewer, the author, decided, decided in a session), or null
 * @param approve    approve and modify are offered
 * @param reject     reject is offered
 * @param modify     modify is offered (not for relaxations)
 * @param progress   four-eyes progress ("1 of 2 approvals: carol"), or null for single-approval requests
 * @param approvers  who approved so far
 * @param claim      the claim button is offered
 * @param release    the release button is offered
 * @param jointly    the form decides for a deep-collaboration session (its participants together), not for one person
 */
public record DecisionPanel(String blocked, boolean approve, boolean reject, boolean modify, String progress,
        List<String> approvers, boolean claim, boolean release, boolean jointly) {

    public boolean decides() {
        return blocked == null && (approve || reject);
    }

    public static DecisionPanel of(ReviewFacts review, List<String> approvers, ConsoleUser user) {
        return of(review, approvers, user, null);
    }

    /**
     * As {@link #of(ReviewFacts, List, ConsoleUser)}; for a deep-collaboration request {@code participants} are the
     * people in its session, who decide it together once enough of them have joined.
     */
    public static DecisionPanel of(ReviewFacts review, List<String> approvers, ConsoleUser user, List<String> participants) {
        String progress = review.requiredApprovals() > 1 ? approvers.size() + " of " + review.requiredApprovals()
                + " approvals" + (approvers.isEmpty() ? " so far" : ": " + String.join(", ", approvers)) : null;
        boolean claim = false;
        boolean release = false;
        if (review.pending() && user.canDecide()) {
            claim = review.assignee() == null;
            release = review.assignee() != null && (review.assignee().equals(user.name()) || user.isAdmin());
        }
        boolean jointly = review.tier() == Tier.DEEP_COLLABORATION;
        String blocked = blocked(review, approvers, user, participants == null ? List.of() : participants);
        if (blocked != null) {
            return new DecisionPanel(blocked, false, false, false, progress, approvers, claim, release, jointly);
        }
        boolean lastApproval = approvers.size() + 1 >= review.requiredApprovals();
        boolean mayApprove = !(lastApproval && review.requiredApprovals() > 1 && !user.hasApproverRights());
        String note = mayApprove ? null : "The second approval of a four-eyes request needs the approver role; you can still "
                + "reject it.";
        return new DecisionPanel(null, mayApprove, true, mayApprove && !review.relaxation(),
                note == null ? progress : progress + ". " + note, approvers, claim, release, jointly);
    }

    private static String blocked(ReviewFacts review, List<String> approvers, ConsoleUser user, List<String> participants) {
        if (!review.pending()) {
            return "This request is decided; the decision and its history are below.";
        }
        if (!user.canDecide()) {
            return "You are signed in as " + user.rolesText() + ": you can read this request, but deciding it needs the "
                    + "reviewer, approver or admin role.";
        }
        if (user.name().equals(review.submittedBy())) {
            return "You submitted this request, so someone else must decide it (nobody decides their own request).";
        }
        if (review.relaxation() && !user.hasApproverRights()) {
            return "A relaxation of oversight is decided by someone with the approver role.";
        }
        if (review.tier() == Tier.DEEP_COLLABORATION) {
            if (!participants.contains(user.name())) {
                return "A deep-collaboration request is decided jointly by the people in its session: join the session "
                        + "below to take part.";
            }
            return SessionRules.jointDecision(participants).map(r -> "The session decides together: " + r.message()
                    + ". Ask a colleague to join.").orElse(null);
        }
        if (approvers.contains(user.name())) {
            return "You gave an approval already; the next approval must come from someone else.";
        }
        return null;
    }
}
