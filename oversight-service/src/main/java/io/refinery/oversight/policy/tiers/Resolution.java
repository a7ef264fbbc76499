package io.refinery.oversight.policy.tiers;

import java.time.Duration;
import java.util.List;

/**
 * The oversight a request gets: its tier, how many distinct approvers it needs, its SLA and escalation role,
 * which rule decided it (index into the policy's rules, or -1), the basis and the reasons in plain words.
 */
public record Resolution(Tier tier, int requiredApprovals, Duration sla, String escalationRole, int ruleIndex, Basis basis,
        List<String> reasons) {

    /** Where the tier came from before any move up. */
    public enum Basis {
        RULE, RISK_PROFILE, NO_SIGNAL
    }

    public Resolution {
        reasons = List.copyOf(reasons);
    }
}
