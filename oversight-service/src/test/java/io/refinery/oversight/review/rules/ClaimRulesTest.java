package io.refinery.oversight.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Tier;

class ClaimRulesTest {

    private static ReviewFacts review(ReviewState state, String assignee) {
        return new ReviewFacts(UUID.randomUUID(), state, "pricing-bot", null, "PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1,
                assignee);
    }

    @Test
    void anUnclaimedRequestIsClaimedAndClaimingOnesOwnAgainIsHarmless() {
        assertThat(ClaimRules.claim(review(ReviewState.PENDING, null), "alice")).isEmpty();
        assertThat(ClaimRules.claim(review(ReviewState.PENDING, "alice"), "alice")).isEmpty();
    }

    @Test
    void someoneElsesClaimIsAConflict() {
        assertThat(ClaimRules.claim(review(ReviewState.PENDING, "alice"), "carol"))
                .contains(new Refusal(Refusal.Kind.CONFLICT, "assignee", "already claimed by alice"));
    }

    @Test
    void onlyPendingRequestsAreClaimedOrReleased() {
        Optional<Refusal> claim = ClaimRules.claim(review(ReviewState.APPROVED, null), "alice");
        assertThat(claim).contains(new Refusal(Refusal.Kind.CONFLICT, "state", "the request is APPROVED"));
        assertThat(ClaimRules.release(review(ReviewState.REJECTED, "alice"), "alice", true))
                .contains(new Refusal(Refusal.Kind.CONFLICT, "state", "the request is REJECTED"));
    }

    @Test
    void onlyTheHolderOrAnAdminReleases() {
        assertThat(ClaimRules.release(review(ReviewState.PENDING, null), "alice", true))
                .contains(new Refusal(Refusal.Kind.CONFLICT, "assignee", "the request is not claimed"));
        assertThat(ClaimRules.release(review(ReviewState.PENDING, "alice"), "carol", false)).contains(new Refusal(
                Refusal.Kind.CONFLICT, "assignee", "claimed by alice; only they or an admin can release it"));
        assertThat(ClaimRules.release(review(ReviewState.PENDING, "alice"), "alice", false)).isEmpty();
        assertThat(ClaimRules.release(review(ReviewState.PENDING, "alice"), "root", true)).isEmpty();
    }
}
