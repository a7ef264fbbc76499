package io.refinery.oversight.policy.tiers;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changes between two policies, as a person checks it before saving: rules added, removed and changed (each
 * changed field old → new), and the changed settings (the low-confidence threshold, the default SLA and escalation
 * role, the tier shifts per action type).
 * <p>
 * It compares what the policies do, not how they are written: defaults are applied, conditions are compared in their
 * canonical form and as a set (their order does not matter), and the order of the rules is ignored. A rule is matched
 * first by its action type and conditions; the rules left over on both sides are then paired in order per action type
 * (a rule whose conditions changed is shown as changed); whatever is still left was removed or added.
 */
public record PolicyDiff(List<RuleChange> rules, List<FieldChange> settings) {

    /** Added, removed, or changed in place. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** One field's value before and after; either side is "none" when it did not exist. */
    public record FieldChange(String field, String before, String after) {
    }

    /**
     * One rule's change: {@code before} is null for an added rule, {@code after} null for a removed one; {@code fields}
     * lists what changed (empty unless changed).
     */
    public record RuleChange(Kind kind, String actionType, PolicyRule before, PolicyRule after, List<FieldChange> fields) {

        public RuleChange {
            fields = List.copyOf(fields);
        }

        /** The rule's conditions in one line, of the new rule when there is one. */
        public String conditions() {
            return conditionsText(after != null ? after : before);
        }
    }

    public static final String NONE = "none";

    public PolicyDiff {
        rules = List.copyOf(rules);
        settings = List.copyOf(settings);
    }

    /** True when the two policies do the same. */
    public boolean isEmpty() {
        return rules.isEmpty() && settings.isEmpty();
    }

    public long count(Kind kind) {
        return rules.stream().filter(r -> r.kind() == kind).count();
    }

    /** The change from {@code before} (null: no policy, read as {@link Policy#none()}) to {@code after}. */
    public static PolicyDiff between(Policy before, Policy after) {
        Policy old = before == null ? Policy.none() : before;
        Objects.requireNonNull(after, "after");
        return new PolicyDiff(rules(old.rules(), after.rules()), settings(old, after));
    }

    private static List<RuleChange> rules(List<PolicyRule> before, List<PolicyRule> after) {
        List<PolicyRule> removed = new ArrayList<>(before);
        List<PolicyRule> added = new ArrayList<>();
        List<RuleChange> changes = new ArrayList<>();
        for (PolicyRule rule : after) {
            PolicyRule match = take(removed, r -> sameKey(r, rule));
            if (match == null) {
                added.add(rule);
            } else {
                List<FieldChange> fields = fields(match, rule);
                if (!fields.isEmpty()) {
                    changes.add(new RuleChange(Kind.CHANGED, rule.actionType(), match, rule, fields));
                }
            }
        }
        for (Iterator<PolicyRule> it = added.iterator(); it.hasNext();) {
            PolicyRule rule = it.next();
            PolicyRule match = take(removed, r -> r.actionType().equals(rule.actionType()));
            if (match != null) {
                it.remove();
                changes.add(new RuleChange(Kind.CHANGED, rule.actionType(), match, rule, fields(match, rule)));
            }
        }
        for (PolicyRule rule : removed) {
            changes.add(new RuleChange(Kind.REMOVED, rule.actionType(), rule, null, List.of()));
        }
        for (PolicyRule rule : added) {
            changes.add(new RuleChange(Kind.ADDED, rule.actionType(), null, rule, List.of()));
        }
        return changes;
    }

    private static PolicyRule take(List<PolicyRule> rules, java.util.function.Predicate<PolicyRule> test) {
        for (Iterator<PolicyRule> it = rules.iterator(); it.hasNext();) {
            PolicyRule r = it.next();
            if (test.test(r)) {
                it.remove();
                return r;
            }
        }
        return null;
    }

    private static boolean sameKey(PolicyRule a, PolicyRule b) {
        return a.actionType().equals(b.actionType()) && conditionSet(a).equals(conditionSet(b));
    }

    private static TreeSet<String> conditionSet(PolicyRule rule) {
        TreeSet<String> set = new TreeSet<>();
        rule.conditions().forEach(c -> set.add(c.toString()));
        return set;
    }

    /** Conditions in canonical form joined with "and", or "always" for a rule without any. */
    public static String conditionsText(PolicyRule rule) {
        TreeSet<String> set = conditionSet(rule);
        return set.isEmpty() ? "always" : String.join(" and ", set);
    }

    private static List<FieldChange> fields(PolicyRule a, PolicyRule b) {
        List<FieldChange> out = new ArrayList<>();
        add(out, "conditions", conditionsText(a), conditionsText(b));
        add(out, "tier", a.tier().name(), b.tier().name());
        add(out, "requiredApprovals", Integer.toString(a.requiredApprovals()), Integer.toString(b.requiredApprovals()));
        add(out, "sla", duration(a.sla()), duration(b.sla()));
        add(out, "escalationRole", text(a.escalationRole()), text(b.escalationRole()));
        return out;
    }

    private static List<FieldChange> settings(Policy a, Policy b) {
        List<FieldChange> out = new ArrayList<>();
        add(out, "lowConfidenceBelow", number(a.lowConfidenceBelow()), number(b.lowConfidenceBelow()));
        add(out, "defaultSla", duration(a.defaultSla()), duration(b.defaultSla()));
        add(out, "defaultEscalationRole", text(a.defaultEscalationRole()), text(b.defaultEscalationRole()));
        TreeSet<String> types = new TreeSet<>(a.tierShifts().keySet());
        types.addAll(b.tierShifts().keySet());
        for (String type : types) {
            add(out, "tierShifts." + type, shift(a.tierShifts(), type), shift(b.tierShifts(), type));
        }
        return out;
    }

    private static void add(List<FieldChange> out, String field, String before, String after) {
        if (!before.equals(after)) {
            out.add(new FieldChange(field, before, after));
        }
    }

    private static String shift(Map<String, Integer> shifts, String type) {
        Integer s = shifts.get(type);
        return s == null || s == 0 ? NONE : s > 0 ? "+" + s : s.toString();
    }

    private static String duration(Duration d) {
        return d == null ? NONE : d.toString();
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }

    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
