package io.refinery.oversight.policy.tiers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides a request's tier. The order, which is the contract of {@code POST /api/v1/policies/simulate}:
 * <ol>
 * <li>Rules for the request's action type whose conditions all hold are candidates. The most specific wins (most
 * conditions); a tie goes to the more conservative tier, then the higher approval count, then the earlier rule.</li>
 * <li>No candidate: the system's risk profile decides by its highest impact: LOW → EXCEPTION_HANDLING, MEDIUM →
 * REVIEW_AND_APPROVAL with one approval, HIGH → REVIEW_AND_APPROVAL with two.</li>
 * <li>No profile either (an unregistered system): no signal, so the most conservative tier, REVIEW_AND_APPROVAL
 * with two approvals.</li>
 * <li>The policy's tier shift for the action type, if any, moves the tier by whole tiers, within the three: down
 * after an approved relaxation, up after an incident. It never applies without a signal (step 3).</li>
 * <li>A confidence below the policy's {@code lowConfidenceBelow}, or a field the action type's rules test but
 * the request lacks, moves the result one tier up (once, whatever the number of reasons); nothing moves it down.</li>
 * <li>A system with any HIGH impact never gets fewer than two approvals in REVIEW_AND_APPROVAL.</li>
 * </ol>
 */
public final class TierResolver {

    private TierResolver() {
    }

    public static Resolution resolve(Policy policy, RiskSignal risk, Subject subject) {
        List<String> reasons = new ArrayList<>();
        Optional<Integer> best = bestRule(policy, subject);
        Tier tier;
        int approvals;
        Duration sla = policy.defaultSla();
        String role = policy.defaultEscalationRole();
        Resolution.Basis basis;
        if (best.isPresent()) {
            PolicyRule rule = policy.rules().get(best.get());
            tier = rule.tier();
            approvals = rule.requiredApprovals();
            sla = rule.sla();
            role = rule.escalationRole() == null ? role : rule.escalationRole();
            basis = Resolution.Basis.RULE;
            reasons.add("rule " + best.get() + " matched (" + describe(rule) + ")");
        } else if (risk != null) {
            basis = Resolution.Basis.RISK_PROFILE;
            Impact highest = risk.highest();
            tier = highest == Impact.LOW ? Tier.EXCEPTION_HANDLING : Tier.REVIEW_AND_APPROVAL;
            approvals = highest == Impact.HIGH ? 2 : 1;
            reasons.add("no rule matched; the risk profile's highest impact is " + highest);
        } else {
            basis = Resolution.Basis.NO_SIGNAL;
            tier = Tier.REVIEW_AND_APPROVAL;
            approvals = 2;
            reasons.add("no rule matched and the system has no risk profile: the most conservative tier");
        }

        int shift = policy.shiftOf(subject.actionType());
        if (shift != 0 && basis != Resolution.Basis.NO_SIGNAL) {
            Tier shifted = Tier.values()[Math.max(0, Math.min(Tier.values().length - 1, tier.ordinal() + shift))];
            reasons.add((shift < 0 ? "relaxed" : "tightened") + " by " + Math.abs(shift) + " tier(s) for "
                    + subject.actionType() + (shifted == tier ? ", which leaves it at " + tier : ": " + tier + " → " + shifted));
            tier = shifted;
        }

        List<String> upReasons = new ArrayList<>();
        if (subject.confidence() != null && subject.confidence() < policy.lowConfidenceBelow()) {
            upReasons.add("confidence " + subject.confidence() + " is below " + policy.lowConfidenceBelow());
        }
        TreeSet<String> missing = missingFields(policy, subject);
        if (!missing.isEmpty()) {
            upReasons.add("the request lacks " + String.join(", ", missing) + ", which the rules for "
                    + subject.actionType() + " test");
        }
        if (!upReasons.isEmpty()) {
            Tier raised = tier.up();
            reasons.add((raised == tier ? "already at the most conservative tier; " : "moved up from " + tier + " to " + raised
                    + ": ") + String.join("; ", upReasons));
            tier = raised;
        }
        if (tier == Tier.REVIEW_AND_APPROVAL && risk != null && risk.highest() == Impact.HIGH && approvals < 2) {
            approvals = 2;
            reasons.add("HIGH impact: two approvals");
        }
        return new Resolution(tier, approvals, sla, role, best.orElse(-1), basis, reasons);
    }

    private static Optional<Integer> bestRule(Policy policy, Subject subject) {
        List<PolicyRule> rules = policy.rules();
        Comparator<Integer> order = Comparator.<Integer> comparingInt(i -> rules.get(i).specificity())
                .thenComparingInt(i -> rules.get(i).tier().ordinal())
                .thenComparingInt(i -> rules.get(i).requiredApprovals())
                .thenComparing(Comparator.<Integer> reverseOrder());
        Integer best = null;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(subject) && (best == null || order.compare(i, best) > 0)) {
                best = i;
            }
        }
        return Optional.ofNullable(best);
    }

    private static TreeSet<String> missingFields(Policy policy, Subject subject) {
        TreeSet<String> missing = new TreeSet<>();
        for (PolicyRule rule : policy.rules()) {
            if (!rule.actionType().equals(subject.actionType())) {
                continue;
            }
            for (Condition c : rule.conditions()) {
                if (!subject.has(c.field())) {
                    missing.add(c.field().label());
                }
            }
        }
        return missing;
    }

    private static String describe(PolicyRule rule) {
        return rule.actionType() + (rule.conditions().isEmpty() ? "" : " when " + rule.conditions().stream()
                .map(Condition::toString).reduce((a, b) -> a + " and " + b).orElse("")) + " → " + rule.tier();
    }
}
