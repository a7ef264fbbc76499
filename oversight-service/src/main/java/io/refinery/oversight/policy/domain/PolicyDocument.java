package io.refinery.oversight.policy.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.refinery.oversight.policy.tiers.Condition;
import io.refinery.oversight.policy.tiers.Policy;
import io.refinery.oversight.policy.tiers.PolicyException;
import io.refinery.oversight.policy.tiers.PolicyRule;
import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.platform.problem.InvalidFieldsProblem;

/**
 * A system's policy as stored (JSON) and sent: rules with textual conditions and ISO-8601 durations, and the tier
 * shifts relaxation and incidents set per action type (each with the time it was set, which starts the action
 * type's relaxation track, and why).
 */
@RegisterForReflection
public record PolicyDocument(List<RuleDocument> rules, Double lowConfidenceBelow, String defaultSla,
        String defaultEscalationRole, List<ShiftDocument> tierShifts) {

    /**
     * An action type's tier moved by {@code shift} whole tiers: negative is less conservative (an approved
     * relaxation), positive more conservative (an incident). Set by oversight-service or by an approver's PUT.
     */
    @RegisterForReflection
    public record ShiftDocument(String actionType, int shift, Instant since, String reason) {
    }

    public PolicyDocument(List<RuleDocument> rules, Double lowConfidenceBelow, String defaultSla, String defaultEscalationRole) {
        this(rules, lowConfidenceBelow, defaultSla, defaultEscalationRole, List.of());
    }

    public PolicyDocument {
        tierShifts = tierShifts == null ? List.of() : List.copyOf(tierShifts);
    }

    /** The shift entry of an action type, or null. */
    public ShiftDocument shiftOf(String actionType) {
        return tierShifts.stream().filter(s -> s.actionType().equals(actionType)).findFirst().orElse(null);
    }

    /** This document with the action type's shift entry replaced (or added). */
    public PolicyDocument withShift(ShiftDocument entry) {
        List<ShiftDocument> shifts = new ArrayList<>(tierShifts.stream().filter(s -> !s.actionType().equals(entry.actionType())).toList());
        shifts.add(entry);
        return new PolicyDocument(rules, lowConfidenceBelow, defaultSla, defaultEscalationRole, shifts);
    }

    /** This document with its tier shifts replaced. */
    public PolicyDocument withShifts(List<ShiftDocument> shifts) {
        return new PolicyDocument(rules, lowConfidenceBelow, defaultSla, defaultEscalationRole, shifts);
    }

    @RegisterForReflection
    public record RuleDocument(String actionType, List<String> conditions, Tier tier, Integer requiredApprovals, String sla,
            String escalationRole) {
    }

    /** The resolver's policy; a wrong value fails with an {@link InvalidFieldsProblem} naming the field. */
    public Policy toPolicy() {
        List<PolicyRule> parsed = new ArrayList<>();
        Duration fallbackSla = duration("defaultSla", defaultSla, Policy.DEFAULT_SLA);
        String fallbackRole = defaultEscalationRole == null || defaultEscalationRole.isBlank() ? Policy.DEFAULT_ESCALATION_ROLE
                : defaultEscalationRole.strip();
        double low = lowConfidenceBelow == null ? Policy.DEFAULT_LOW_CONFIDENCE : lowConfidenceBelow;
        if (low < 0 || low > 1) {
            throw new InvalidFieldsProblem("lowConfidenceBelow", "must be between 0 and 1");
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
                    throw new InvalidFieldsProblem(at + ".conditions[" + j + "]", e.getMessage());
                }
            }
            int approvals = r.requiredApprovals() == null ? 1 : r.requiredApprovals();
            if (approvals < 1 || approvals > 2) {
                throw new InvalidFieldsProblem(at + ".requiredApprovals", "must be 1 or 2");
            }
            Duration sla = duration(at + ".sla", r.sla(), fallbackSla);
            String role = r.escalationRole() == null || r.escalationRole().isBlank() ? fallbackRole : r.escalationRole().strip();
            parsed.add(new PolicyRule(r.actionType().strip(), conditions, r.tier(), approvals, sla, role));
        }
        Map<String, Integer> shifts = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tierShifts.size(); i++) {
            ShiftDocument t = tierShifts.get(i);
            if (t.actionType() == null || t.actionType().isBlank()) {
                throw new InvalidFieldsProblem("tierShifts[" + i + "].actionType", "is required");
            }
            if (!seen.add(t.actionType())) {
                throw new InvalidFieldsProblem("tierShifts[" + i + "].actionType", "appears twice");
            }
            if (t.shift() < -io.refinery.oversight.relaxation.advisor.TierShift.MAX || t.shift() > io.refinery.oversight.relaxation.advisor.TierShift.MAX) {
                throw new InvalidFieldsProblem("tierShifts[" + i + "].shift", "must lie in [-2, 2]");
            }
            if (t.shift() != 0) {
                shifts.put(t.actionType(), t.shift());
            }
        }
        return new Policy(parsed, low, fallbackSla, fallbackRole, shifts);
    }

    private static Duration duration(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(text.strip());
            if (d.isNegative() || d.isZero()) {
                throw new InvalidFieldsProblem(field, "must be a positive duration");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidFieldsProblem(field, "must be an ISO-8601 duration such as PT4H or P2D");
        }
    }
}
