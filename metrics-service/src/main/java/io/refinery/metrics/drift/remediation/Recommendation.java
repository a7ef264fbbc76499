package io.refinery.metrics.drift.remediation;

import java.util.List;

/**
 * What {@link RemediationRule} recommends, and why.
 *
 * @param action the recommended action; not null
 * @param reasons human-readable sentences: first the rule that fired, then the facts behind it; never empty
 */
public record Recommendation(RemediationAction action, List<String> reasons) {

    public Recommendation {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("reasons must not be empty");
        }
    }
}
