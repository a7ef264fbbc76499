package io.refinery.oversight.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.oversight.policy.Condition;
import io.refinery.oversight.policy.Policy;
import io.refinery.oversight.policy.PolicyException;
import io.refinery.oversight.policy.PolicyRule;
import io.refinery.oversight.policy.Tier;

/** A system's policy as stored (JSON) and sent: rules with textual conditions and ISO-8601 durations. */
@RegisterForReflection
public record PolicyDocument(List<RuleDocument> rules, Double lowConfidenceBelow, String defaultSla,
        String defaultEscalationRole) {

    @RegisterForReflection
    public record RuleDocument(String actionType, List<String> conditions, Tier tier, Integer requiredApprovals, String sla,
            String escalationRole) {
    }

    /** The resolver's policy; a wrong value fails with an {@link InvalidFieldProblem} naming the field. */
    public Policy toPolicy() {
        List<PolicyRule> parsed = new ArrayList<>();
        Duration fallbackSla = duration("defaultSla", defaultSla, Policy.DEFAULT_SLA);
        String fallbackRole = defaultEscalationRole == null || defaultEscalationRole.isBlank() ? Policy.DEFAULT_ESCALATION_ROLE
                : defaultEscalationRole.strip();
        double low = lowConfidenceBelow == null ? Policy.DEFAULT_LOW_CONFIDENCE : lowConfidenceBelow;
        if (low < 0 || low > 1) {
            throw new InvalidFieldProblem("lowConfidenceBelow", "must be between 0 and 1");
        }
        for (int i = 0; i < rules.size(); i++) {
            RuleDocument r = rules.get(i);
            String at = "rules[" + i + "]";
            List<Condition> conditions = new ArrayList<>();
            List<String> texts = r.conditions() == null ? List.of() : r.conditions();
            for (int j = 0; j < texts.size(); j++) {
                try {
                    conditions.add(Condition.parse(texts.get(j)));
                } catch (PolicyException e) {
                    throw new InvalidFieldProblem(at + ".conditions[" + j + "]", e.getMessage());
                }
            }
            int approvals = r.requiredApprovals() == null ? 1 : r.requiredApprovals();
            if (approvals < 1 || approvals > 2) {
                throw new InvalidFieldProblem(at + ".requiredApprovals", "must be 1 or 2");
            }
            Duration sla = duration(at + ".sla", r.sla(), fallbackSla);
            String role = r.escalationRole() == null || r.escalationRole().isBlank() ? fallbackRole : r.escalationRole().strip();
            parsed.add(new PolicyRule(r.actionType().strip(), conditions, r.tier(), approvals, sla, role));
        }
        return new Policy(parsed, low, fallbackSla, fallbackRole);
    }

    private static Duration duration(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new InvalidFieldProblem(field, "must be a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidFieldProblem(field, "must be an ISO-8601 duration such as PT4H or P2D");
        }
    }
}
