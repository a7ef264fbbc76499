package io.refinery.oversight.review.rules;

/** What one person decides about a request. */
public enum Outcome {
    APPROVE, REJECT, MODIFY
}
