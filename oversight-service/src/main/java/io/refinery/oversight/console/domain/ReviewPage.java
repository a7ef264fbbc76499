package io.refinery.oversight.console.domain;

import java.util.List;

/**
 * Everything the review page shows about one request: its summary and payload, the approvals so far, the decision
 * form as far as the signed-in person may use it, the evidence panels, the history and, for a deep-collaboration
 * request, its session thread.
 */
public record ReviewPage(ConsoleFrame frame, ReviewSummary review, ReadableJson payload, ReadableJson modifications,
        List<Approval> approvals, DecisionPanel decision, DecisionForm form, List<EvidencePanel> evidence,
        List<HistoryEntry> history, SessionThread session, Notice notice) {

    /** One approval given so far. */
    public record Approval(String approver, String outcome, String rationale, Stamp at) {
    }
}
