package io.refinery.oversight.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Tier;

class SessionRulesTest {

    private static ReviewFacts review(Tier tier, ReviewState state) {
        return new ReviewFacts(UUID.randomUUID(), state, "support-bot", null, "REFUND", tier, 1, null);
    }

    @Test
    void onlyAPendingDeepCollaborationRequestHasASession() {
        assertThat(SessionRules.open(review(Tier.DEEP_COLLABORATION, ReviewState.PENDING))).isEmpty();
        assertThat(SessionRules.open(review(Tier.REVIEW_AND_APPROVAL, ReviewState.PENDING))).contains(new Refusal(
                Refusal.Kind.CONFLICT, "tier", "only DEEP_COLLABORATION requests have a session"));
        assertThat(SessionRules.open(review(Tier.DEEP_COLLABORATION, ReviewState.MODIFIED))).contains(new Refusal(
                Refusal.Kind.CONFLICT, "state", "the request was already decided (MODIFIED)"));
    }

    @Test
    void theSubmitterCannotJoin() {
        ReviewFacts review = review(Tier.DEEP_COLLABORATION, ReviewState.PENDING);
        assertThat(SessionRules.join(review, "support-bot")).contains(new Refusal(Refusal.Kind.FORBIDDEN, "participant",
                "the submitter cannot join the session"));
        assertThat(SessionRules.join(review, "alice")).isEmpty();
    }

    @Test
    void onlyParticipantsPostOrDecide() {
        assertThat(SessionRules.participant(List.of("alice", "bob"), "bob")).isEmpty();
        assertThat(SessionRules.participant(List.of("alice"), "carol")).contains(new Refusal(Refusal.Kind.CONFLICT,
                "participant", "carol has not joined this session"));
    }

    @Test
    void aJointDecisionNeedsTwoParticipants() {
        assertThat(SessionRules.jointDecision(List.of("alice"))).contains(new Refusal(Refusal.Kind.CONFLICT,
                "participants", "a joint decision needs at least 2 participants; the session has 1"));
        assertThat(SessionRules.jointDecision(List.of("alice", "bob"))).isEmpty();
    }
}
