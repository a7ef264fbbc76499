package io.refinery.oversight.policy;

import java.time.Duration;
import java.util.List;

/**
 * A system's rules plus the two knobs of the resolver: a confidence below {@code lowConfidenceBelow} moves the
 * request one tier up, and requests resolved without a matching rule get {@code defaultSla} and
 * {@code defaultEscalationRole}.
 */
public record Policy(List<PolicyRule> rules, double lowConfidenceBelow, Duration defaultSla, String defaultEscalationRole) {

    public static final double DEFAULT_LOW_CONFIDENCE = 0.6;
    public static final Duration DEFAULT_SLA = Duration.ofHours(24);
    public static final String DEFAULT_ESCALATION_ROLE = "approver";

    public Policy {
        rules = List.copyOf(rules);
    }

    /** The policy of a system nobody wrote one for: no rules, the defaults. */
    public static Policy none() {
        return new Policy(List.of(), DEFAULT_LOW_CONFIDENCE, DEFAULT_SLA, DEFAULT_ESCALATION_ROLE);
    }
}
