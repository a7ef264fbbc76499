package io.refinery.oversight.policy.tiers;

import java.time.Duration;
import java.util.List;

/**
 * Maps an action type and conditions (all must hold) to a tier, the approvals it needs, an SLA and the role an
 * overdue request escalates to. More conditions make a rule more specific.
 */
public record PolicyRule(String actionType, List<Condition> conditions, Tier tier, int requiredApprovals, Duration sla,
        String escalationRole) {

    public PolicyRule {
        conditions = List.copyOf(conditions);
        if (actionType == null || actionType.isBlank()) {
            throw new PolicyException("actionType is required");
        }
        if (requiredApprovals < 1 || requiredApprovals > 2) {
            throw new PolicyException("requiredApprovals must be 1 or 2");
        }
        if (sla == null || sla.isNegative() || sla.isZero()) {
            throw new PolicyException("sla must be a positive duration");
        }
    }

    public boolean matches(Subject subject) {
        return actionType.equals(subject.actionType()) && conditions.stream().allMatch(c -> c.matches(subject));
    }

    public int specificity() {
        return conditions.size();
    }
}
