package io.refinery.platform.events;

/** What a person (or a policy, for auto-approved actions) decided on a request for oversight. */
public enum DecisionOutcome {
    APPROVE, REJECT, MODIFY
}
