package io.refinery.oversight.policy.tiers;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A system's rules plus the knobs of the resolver: a confidence below {@code lowConfidenceBelow} moves the
 * request one tier up, requests resolved without a matching rule get {@code defaultSla} and
 * {@code defaultEscalationRole}, and {@code tierShifts} moves an action type's tier by whole tiers (negative: an
 * approved relaxation; positive: tightened after an incident).
 */
public record Policy(List<PolicyRule> rules, double lowConfidenceBelow, Duration defaultSla, String defaultEscalationRole,
        Map<String, Integer> tierShifts) {

    public static final double DEFAULT_LOW_CONFIDENCE = 0.6;
    public static final Duration DEFAULT_SLA = Duration.ofHours(24);
    public static final String DEFAULT_ESCALATION_ROLE = "approver";

    public Policy {
        rules = List.copyOf(rules);
        tierShifts = Map.copyOf(tierShifts);
    }

    public Policy(List<PolicyRule> rules, double lowConfidenceBelow, Duration defaultSla, String defaultEscalationRole) {
        this(rules, lowConfidenceBelow, defaultSla, defaultEscalationRole, Map.of());
    }

    /** The shift of an action type's tier, 0 when none is set. */
    public int shiftOf(String actionType) {
        return tierShifts.getOrDefault(actionType, 0);
    }

    /** The policy of a system nobody wrote one for: no rules, the defaults. */
    public static Policy none() {
        return new Policy(List.of(), DEFAULT_LOW_CONFIDENCE, DEFAULT_SLA, DEFAULT_ESCALATION_ROLE);
    }
}
