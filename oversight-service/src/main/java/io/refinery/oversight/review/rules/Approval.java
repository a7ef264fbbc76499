package io.refinery.oversight.review.rules;

/** One approval already recorded on a request, in the order they were given. */
public record Approval(String approver, Outcome outcome, String modifications) {
}
