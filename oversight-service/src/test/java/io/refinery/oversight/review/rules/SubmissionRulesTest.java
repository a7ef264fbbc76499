package io.refinery.oversight.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Resolution;
import io.refinery.oversight.policy.tiers.Tier;

class SubmissionRulesTest {

    private static Resolution resolved(Tier tier) {
        return new Resolution(tier, 1, Duration.ofHours(4), "oversight-admins", 0, Resolution.Basis.RULE,
                List.of("rule 0 matched"));
    }

    @Test
    void aRelaxationProposalAlwaysNeedsAnApprover() {
        Resolution floored = SubmissionRules.withRelaxationFloor(ActionTypes.RELAXATION, resolved(Tier.EXCEPTION_HANDLING));
        assertThat(floored.tier()).isEqualTo(Tier.REVIEW_AND_APPROVAL);
        assertThat(floored.reasons()).containsExactly("rule 0 matched",
                "an OVERSIGHT_RELAXATION always needs an approver: REVIEW_AND_APPROVAL");
        assertThat(floored.sla()).isEqualTo(Duration.ofHours(4));
        assertThat(floored.requiredApprovals()).isEqualTo(1);
    }

    @Test
    void otherRequestsKeepTheResolversTier() {
        Resolution r = resolved(Tier.EXCEPTION_HANDLING);
        assertThat(SubmissionRules.withRelaxationFloor("PRICE_CHANGE", r)).isSameAs(r);
        Resolution strict = resolved(Tier.REVIEW_AND_APPROVAL);
        assertThat(SubmissionRules.withRelaxationFloor(ActionTypes.RELAXATION, strict)).isSameAs(strict);
    }

    @Test
    void exceptionHandlingIsRecordedAsApprovedAndTheOtherTiersWait() {
        assertThat(SubmissionRules.initialState(Tier.EXCEPTION_HANDLING)).isEqualTo(ReviewState.AUTO_APPROVED);
        assertThat(SubmissionRules.initialState(Tier.DEEP_COLLABORATION)).isEqualTo(ReviewState.PENDING);
        assertThat(SubmissionRules.initialState(Tier.REVIEW_AND_APPROVAL)).isEqualTo(ReviewState.PENDING);
    }
}
