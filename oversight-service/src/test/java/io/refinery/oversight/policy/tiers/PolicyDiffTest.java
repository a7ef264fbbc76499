package io.refinery.oversight.policy.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.PolicyDiff.FieldChange;
import io.refinery.oversight.policy.tiers.PolicyDiff.Kind;
import io.refinery.oversight.policy.tiers.PolicyDiff.RuleChange;

class PolicyDiffTest {

    private static PolicyRule rule(String action, Tier tier, int approvals, String sla, String... conditions) {
        return new PolicyRule(action, Arrays.stream(conditions).map(Condition::parse).toList(), tier, approvals,
                Duration.parse(sla), "approver");
    }

    private static Policy policy(double low, PolicyRule... rules) {
        return new Policy(List.of(rules), low, Duration.ofHours(24), "approver");
    }

    private static final PolicyRule SMALL = rule("PRICE_CHANGE", Tier.EXCEPTION_HANDLING, 1, "PT24H", "magnitude <= 0.10");
    private static final PolicyRule LARGE = rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1, "PT4H", "magnitude > 0.10");
    private static final PolicyRule CONTENT = rule("CONTENT_PUBLISH", Tier.DEEP_COLLABORATION, 1, "PT8H", "category in [health]");

    @Test
    void theSamePolicyHasNoChanges() {
        assertThat(PolicyDiff.between(policy(0.8, SMALL, LARGE), policy(0.8, SMALL, LARGE)).isEmpty()).isTrue();
    }

    @Test
    void orderOfRulesAndOfConditionsAndTheirSpellingDoNotCount() {
        PolicyRule a = rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 2, "PT2H", "magnitude > 0.10", "amount >= 5000");
        PolicyRule b = rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 2, "PT2H", "amount>=5000.0", "magnitude >0.1");
        assertThat(PolicyDiff.between(policy(0.8, SMALL, a), policy(0.8, b, SMALL)).isEmpty()).isTrue();
    }

    @Test
    void addedAndRemovedRules() {
        PolicyDiff diff = PolicyDiff.between(policy(0.8, SMALL, LARGE), policy(0.8, SMALL, CONTENT));
        assertThat(diff.rules()).as("the unchanged rule is not listed")
                .extracting(RuleChange::kind, RuleChange::actionType, RuleChange::conditions).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, "PRICE_CHANGE", "magnitude > 0.1"),
                org.assertj.core.groups.Tuple.tuple(Kind.ADDED, "CONTENT_PUBLISH", "category in [health]"));
        assertThat(diff.rules().get(0).fields()).isEmpty();
        assertThat(diff.rules().get(0).after()).isNull();
        assertThat(diff.rules().get(1).before()).isNull();
    }

    @Test
    void aChangedRuleListsEachFieldOldToNew() {
        PolicyRule stricter = rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 2, "PT2H", "magnitude > 0.10");
        PolicyDiff diff = PolicyDiff.between(policy(0.8, SMALL, LARGE), policy(0.8, SMALL, stricter));
        assertThat(diff.rules()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.CHANGED);
            assertThat(r.before()).isEqualTo(LARGE);
            assertThat(r.after()).isEqualTo(stricter);
            assertThat(r.fields()).containsExactly(new FieldChange("requiredApprovals", "1", "2"),
                    new FieldChange("sla", "PT4H", "PT2H"));
        });
        assertThat(diff.count(Kind.CHANGED)).isEqualTo(1);
        assertThat(diff.count(Kind.ADDED)).isZero();
    }

    @Test
    void aRuleWhoseConditionsChangedIsPairedByActionType() {
        PolicyRule moved = rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1, "PT4H", "magnitude > 0.15");
        PolicyDiff diff = PolicyDiff.between(policy(0.8, LARGE, CONTENT), policy(0.8, moved, CONTENT));
        assertThat(diff.rules()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(Kind.CHANGED);
            assertThat(r.fields()).containsExactly(new FieldChange("conditions", "magnitude > 0.1", "magnitude > 0.15"));
        });
    }

    @Test
    void twoIdenticalRulesAreMatchedOneByOne() {
        PolicyDiff diff = PolicyDiff.between(policy(0.8, SMALL, SMALL), policy(0.8, SMALL));
        assertThat(diff.rules()).extracting(RuleChange::kind).containsExactly(Kind.REMOVED);
    }

    @Test
    void settingsThresholdSlaRoleAndShifts() {
        Policy before = new Policy(List.of(SMALL), 0.6, Duration.ofHours(24), "approver", Map.of("PRICE_CHANGE", -1));
        Policy after = new Policy(List.of(SMALL), 0.75, Duration.ofHours(12), "pricing-leads",
                Map.of("PRICE_CHANGE", -1, "CONTENT_PUBLISH", 1));
        assertThat(PolicyDiff.between(before, after).settings()).containsExactly(
                new FieldChange("lowConfidenceBelow", "0.6", "0.75"),
                new FieldChange("defaultSla", "PT24H", "PT12H"),
                new FieldChange("defaultEscalationRole", "approver", "pricing-leads"),
                new FieldChange("tierShifts.CONTENT_PUBLISH", "none", "+1"));
    }

    @Test
    void noPolicyBeforeIsTheDefaultPolicy() {
        PolicyDiff diff = PolicyDiff.between(null, policy(0.6, SMALL));
        assertThat(diff.settings()).isEmpty();
        assertThat(diff.rules()).extracting(RuleChange::kind).containsExactly(Kind.ADDED);
        assertThat(diff.rules().get(0).before()).isNull();
        assertThat(PolicyDiff.conditionsText(rule("FRAUD_ALERT", Tier.REVIEW_AND_APPROVAL, 1, "PT1H"))).isEqualTo("always");
    }
}
