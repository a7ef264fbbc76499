package io.refinery.oversight.review.rules;

import java.util.List;

/** What a person's decision does to a request, as {@link DecisionRules#decide} rules it. */
public sealed interface DecisionStep {

    /** Nothing changes: the decision is refused. */
    record Refused(Refusal refusal) implements DecisionStep {
    }

    /** The approval is recorded and the request stays pending: it needs {@code required} approvals, has {@code given}. */
    record ApprovalRecorded(int given, int required) implements DecisionStep {
    }

    /**
     * The request is decided with {@code outcome} and {@code modifications}, recorded with its {@code approvers}; when
     * {@code recordsApproval} the decider's own approval is stored too (a rejection is not an approval).
     */
    record Decided(Outcome outcome, String modifications, List<String> approvers, boolean recordsApproval)
            implements DecisionStep {

        public Decided {
            approvers = List.copyOf(approvers);
        }
    }
}
