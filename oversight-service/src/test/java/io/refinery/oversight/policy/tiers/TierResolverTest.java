package io.refinery.oversight.policy.tiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TierResolverTest {

    private static final RiskSignal LOW = new RiskSignal(Impact.LOW, Impact.LOW, Impact.LOW);
    private static final RiskSignal MEDIUM = new RiskSignal(Impact.LOW, Impact.MEDIUM, Impact.LOW);
    private static final RiskSignal HIGH = new RiskSignal(Impact.LOW, Impact.LOW, Impact.HIGH);

    private static PolicyRule rule(String action, Tier tier, int approvals, String... conditions) {
        return new PolicyRule(action, Arrays.stream(conditions).map(Condition::parse).toList(), tier, approvals,
                Duration.ofHours(4), "pricing-leads");
    }

    /** PRICE_CHANGE: small changes routine, large ones reviewed, big money in luxury twice reviewed. */
    private static final Policy PRICING = new Policy(List.of(
            rule("PRICE_CHANGE", Tier.EXCEPTION_HANDLING, 1, "magnitude <= 0.10"),
            rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1, "magnitude > 0.10"),
            rule("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 2, "magnitude > 0.10", "amount >= 5000"),
            rule("CONTENT_PUBLISH", Tier.DEEP_COLLABORATION, 1, "category in [health, finance]"),
            rule("CONTENT_PUBLISH", Tier.EXCEPTION_HANDLING, 1)),
            0.8, Duration.ofHours(24), "approver");

    private static RiskSignal risk(String name) {
        return switch (name) {
            case "LOW" -> LOW;
            case "MEDIUM" -> MEDIUM;
            case "HIGH" -> HIGH;
            default -> null;
        };
    }

    private static Double num(String s) {
        return s == null || s.isBlank() ? null : Double.valueOf(s);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                    | policy | risk   | action          | magnitude | amount | confidence | category | tier                | approvals | rule | basis
            policy match: small price change          | yes    | LOW    | PRICE_CHANGE    | 0.05      | 100    | 0.95       | -        | EXCEPTION_HANDLING  | 1         | 0    | RULE
            policy match: large price change          | yes    | LOW    | PRICE_CHANGE    | 0.20      | 100    | 0.95       | -        | REVIEW_AND_APPROVAL | 1         | 1    | RULE
            most specific rule wins                   | yes    | LOW    | PRICE_CHANGE    | 0.20      | 9000   | 0.95       | -        | REVIEW_AND_APPROVAL | 2         | 2    | RULE
            category in [...]                         | yes    | LOW    | CONTENT_PUBLISH | -         | -      | 0.95       | Health   | DEEP_COLLABORATION  | 1         | 3    | RULE
            catch-all rule without conditions         | yes    | LOW    | CONTENT_PUBLISH | -         | -      | 0.95       | shoes    | EXCEPTION_HANDLING  | 1         | 4    | RULE
            no policy: LOW profile                    | no     | LOW    | PRICE_CHANGE    | 0.20      | -      | -          | -        | EXCEPTION_HANDLING  | 1         | -1   | RISK_PROFILE
            no policy: MEDIUM profile                 | no     | MEDIUM | PRICE_CHANGE    | 0.20      | -      | -          | -        | REVIEW_AND_APPROVAL | 1         | -1   | RISK_PROFILE
            no policy: HIGH impact needs two          | no     | HIGH   | PRICE_CHANGE    | 0.20      | -      | -          | -        | REVIEW_AND_APPROVAL | 2         | -1   | RISK_PROFILE
            no policy, no profile: most conservative  | no     | NONE   | FRAUD_ALERT     | -         | -      | -          | -        | REVIEW_AND_APPROVAL | 2         | -1   | NO_SIGNAL
            rule for other action: profile decides    | yes    | LOW    | FRAUD_ALERT     | -         | -      | -          | -        | EXCEPTION_HANDLING  | 1         | -1   | RISK_PROFILE
            low confidence moves one tier up          | yes    | LOW    | PRICE_CHANGE    | 0.05      | 100    | 0.50       | -        | DEEP_COLLABORATION  | 1         | 0    | RULE
            low confidence at the top stays at top    | yes    | LOW    | PRICE_CHANGE    | 0.20      | 100    | 0.50       | -        | REVIEW_AND_APPROVAL | 1         | 1    | RULE
            missing field moves one tier up           | yes    | LOW    | CONTENT_PUBLISH | -         | -      | 0.95       | -        | DEEP_COLLABORATION  | 1         | 4    | RULE
            missing magnitude: profile, one tier up   | yes    | LOW    | PRICE_CHANGE    | -         | 100    | 0.95       | -        | DEEP_COLLABORATION  | 1         | -1   | RISK_PROFILE
            low confidence and missing: still one up  | yes    | LOW    | CONTENT_PUBLISH | -         | -      | 0.10       | -        | DEEP_COLLABORATION  | 1         | 4    | RULE
            HIGH impact lifts a rule's one approval   | yes    | HIGH   | PRICE_CHANGE    | 0.20      | 100    | 0.95       | -        | REVIEW_AND_APPROVAL | 2         | 1    | RULE
            HIGH impact keeps a routine rule routine  | yes    | HIGH   | PRICE_CHANGE    | 0.05      | 100    | 0.95       | -        | EXCEPTION_HANDLING  | 1         | 0    | RULE
            """)
    void resolvesTheTable(String name, String policy, String risk, String action, String magnitude, String amount,
            String confidence, String category, Tier tier, int approvals, int rule, Resolution.Basis basis) {
        Policy p = "yes".equals(policy) ? PRICING : Policy.none();
        Resolution r = TierResolver.resolve(p, risk(risk), new Subject(action, num(magnitude), num(amount), num(confidence), category));
        assertThat(r.tier()).as("tier; reasons %s", r.reasons()).isEqualTo(tier);
        assertThat(r.requiredApprovals()).as("approvals; reasons %s", r.reasons()).isEqualTo(approvals);
        assertThat(r.ruleIndex()).isEqualTo(rule);
        assertThat(r.basis()).isEqualTo(basis);
    }

    @Test
    void neverMovesDown() {
        for (Tier t : Tier.values()) {
            assertThat(t.up().ordinal()).isGreaterThanOrEqualTo(t.ordinal());
        }
        assertThat(Tier.REVIEW_AND_APPROVAL.moreConservativeThan(Tier.DEEP_COLLABORATION)).isTrue();
        assertThat(Tier.DEEP_COLLABORATION.moreConservativeThan(Tier.EXCEPTION_HANDLING)).isTrue();
    }

    @Test
    void aMatchedRuleCarriesItsSlaAndEscalationRole() {
        Resolution r = TierResolver.resolve(PRICING, LOW, new Subject("PRICE_CHANGE", 0.2, 1.0, 0.9, null));
        assertThat(r.sla()).isEqualTo(Duration.ofHours(4));
        assertThat(r.escalationRole()).isEqualTo("pricing-leads");
        Resolution fallback = TierResolver.resolve(PRICING, LOW, new Subject("FRAUD_ALERT", null, null, null, null));
        assertThat(fallback.sla()).isEqualTo(Duration.ofHours(24));
        assertThat(fallback.escalationRole()).isEqualTo("approver");
    }

    @Test
    void conditionsParseAndPrintCanonically() {
        assertThat(Condition.parse("magnitude>0.10").toString()).isEqualTo("magnitude > 0.1");
        assertThat(Condition.parse(" amount >= 5000 ").toString()).isEqualTo("amount >= 5000");
        assertThat(Condition.parse("category in [Shoes,  bags]").toString()).isEqualTo("category in [shoes, bags]");
        assertThat(Condition.parse("category == shoes").toString()).isEqualTo("category in [shoes]");
        assertThatThrownBy(() -> Condition.parse("price > 3")).isInstanceOf(PolicyException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> Condition.parse("magnitude ~ 3")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> Condition.parse("amount in [1]")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> Condition.parse("category in []")).isInstanceOf(PolicyException.class);
    }

    private static Policy shifted(Policy p, String action, int shift) {
        return new Policy(p.rules(), p.lowConfidenceBelow(), p.defaultSla(), p.defaultEscalationRole(), java.util.Map.of(action, shift));
    }

    /** Tier shifts (relaxation, incidents) move the resolved tier by whole tiers, and the rest of the order still holds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                         | risk   | shift | action       | magnitude | amount | confidence | tier                | approvals
            relaxed: large price change reviewed jointly   | LOW    | -1    | PRICE_CHANGE | 0.20      | 100    | 0.95       | DEEP_COLLABORATION  | 1
            relaxed twice: large change handled by the AI  | LOW    | -2    | PRICE_CHANGE | 0.20      | 100    | 0.95       | EXCEPTION_HANDLING  | 1
            relaxed at the bottom stays at the bottom      | LOW    | -1    | PRICE_CHANGE | 0.05      | 100    | 0.95       | EXCEPTION_HANDLING  | 1
            relaxed, low confidence still moves one up     | LOW    | -1    | PRICE_CHANGE | 0.20      | 100    | 0.50       | REVIEW_AND_APPROVAL | 1
            tightened: routine change now joint            | LOW    | 1     | PRICE_CHANGE | 0.05      | 100    | 0.95       | DEEP_COLLABORATION  | 1
            tightened twice: routine change approved       | LOW    | 2     | PRICE_CHANGE | 0.05      | 100    | 0.95       | REVIEW_AND_APPROVAL | 1
            tightened on HIGH impact: two approvals        | HIGH   | 2     | PRICE_CHANGE | 0.05      | 100    | 0.95       | REVIEW_AND_APPROVAL | 2
            tightened on the risk profile's tier           | LOW    | 1     | FRAUD_ALERT  | -         | -      | -          | DEEP_COLLABORATION  | 1
            shift of another action type does not apply    | LOW    | 1     | CONTENT_PUBLISH | -      | -      | 0.95       | EXCEPTION_HANDLING  | 1
            no signal: a relaxation never applies          | NONE   | -2    | PRICE_CHANGE | 0.20      | 100    | 0.95       | REVIEW_AND_APPROVAL | 2
            """)
    void appliesTierShifts(String name, String risk, int shift, String action, String magnitude, String amount,
            String confidence, Tier tier, int approvals) {
        Policy base = "NONE".equals(risk) ? Policy.none() : PRICING;
        Policy p = shifted(base, name.startsWith("shift of another") ? "PRICE_CHANGE" : action, shift);
        Resolution r = TierResolver.resolve(p, risk(risk), new Subject(action, num(magnitude), num(amount), num(confidence),
                name.startsWith("shift of another") ? "shoes" : null));
        assertThat(r.tier()).as("tier; reasons %s", r.reasons()).isEqualTo(tier);
        assertThat(r.requiredApprovals()).as("approvals; reasons %s", r.reasons()).isEqualTo(approvals);
    }

    @Test
    void aShiftSaysWhy() {
        Resolution r = TierResolver.resolve(shifted(PRICING, "PRICE_CHANGE", -1), LOW, new Subject("PRICE_CHANGE", 0.2, 1.0, 0.9, null));
        assertThat(r.reasons()).contains("relaxed by 1 tier(s) for PRICE_CHANGE: REVIEW_AND_APPROVAL → DEEP_COLLABORATION");
    }
}
