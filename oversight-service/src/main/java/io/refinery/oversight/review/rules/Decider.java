package io.refinery.oversight.review.rules;

/** The person deciding: their name and whether they hold the approver or the admin role. */
public record Decider(String name, boolean approver, boolean admin) {

    /** Approvers and admins may give a second approval and decide relaxations. */
    public boolean hasApproverRights() {
        return approver || admin;
    }
}
