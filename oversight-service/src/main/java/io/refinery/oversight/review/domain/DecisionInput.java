package io.refinery.oversight.review.domain;

import io.refinery.oversight.review.rules.Decider;
import io.refinery.oversight.review.rules.Outcome;

/** A decision by one person, as they asked for it; {@code modifications} is JSON text or null. */
public record DecisionInput(Outcome outcome, String rationale, String modifications, Decider decider) {
}
