package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Tier;
import io.refinery.oversight.review.rules.ActionTypes;
import io.refinery.oversight.review.rules.ReviewFacts;
import io.refinery.oversight.review.rules.ReviewState;

class DecisionPanelTest {

    private static final ConsoleUser VIEWER = ConsoleUser.of("victor", Set.of("viewer"));
    private static final ConsoleUser CAROL = ConsoleUser.of("carol", Set.of("reviewer"));
    private static final ConsoleUser BOB = ConsoleUser.of("bob", Set.of("approver", "ingest"));
    private static final ConsoleUser ROOT = ConsoleUser.of("root", Set.of("admin"));

    private static ReviewFacts review(String actionType, Tier tier, int approvals, String assignee) {
        return new ReviewFacts(UUID.randomUUID(), ReviewState.PENDING, "alice", null, actionType, tier, approvals, assignee);
    }

    @Test
    void aViewerReadsButIsOfferedNothing() {
        DecisionPanel p = DecisionPanel.of(review("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1, null), List.of(), VIEWER);
        assertThat(p.decides()).isFalse();
        assertThat(p.claim()).isFalse();
        assertThat(p.blocked()).contains("viewer");
        assertThat(VIEWER.roles()).containsExactly("viewer");
        assertThat(BOB.roles()).containsExactly("approver");
    }

    @Test
    void theAuthorIsToldSomeoneElseMustDecide() {
        DecisionPanel p = DecisionPanel.of(review("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 1, null), List.of(),
                ConsoleUser.of("alice", Set.of("reviewer")));
        assertThat(p.decides()).isFalse();
        assertThat(p.blocked()).contains("You submitted this request");
    }

    @Test
    void fourEyesShowProgressAndKeepTheLastApprovalForApprovers() {
        ReviewFacts fourEyes = review("PRICE_CHANGE", Tier.REVIEW_AND_APPROVAL, 2, null);
        DecisionPanel first = DecisionPanel.of(fourEyes, List.of(), CAROL);
        assertThat(first.approve()).isTrue();
        assertThat(first.progress()).isEqualTo("0 of 2 approvals so far");
        DecisionPanel second = DecisionPanel.of(fourEyes, List.of("dave"), CAROL);
        assertThat(second.approve()).isFalse();
        assertThat(second.modify()).isFalse();
        assertThat(second.reject()).isTrue();
        assertThat(second.progress()).startsWith("1 of 2 approvals: dave").contains("needs the approver role");
        assertThat(DecisionPanel.of(fourEyes, List.of("dave"), BOB).approve()).isTrue();
        assertThat(DecisionPanel.of(fourEyes, List.of("bob"), BOB).blocked()).contains("You gave an approval already");
    }

    @Test
    void relaxationsAreForApproversAndNeverModified() {
        ReviewFacts relax = review(ActionTypes.RELAXATION, Tier.REVIEW_AND_APPROVAL, 1, null);
        assertThat(DecisionPanel.of(relax, List.of(), CAROL).blocked()).contains("approver role");
        DecisionPanel approver = DecisionPanel.of(relax, List.of(), BOB);
        assertThat(approver.approve()).isTrue();
        assertThat(approver.modify()).isFalse();
    }

    @Test
    void aSessionDecidesTogetherOnceTwoPeopleJoined() {
        ReviewFacts deep = review("CONTENT", Tier.DEEP_COLLABORATION, 1, null);
        assertThat(DecisionPanel.of(deep, List.of(), CAROL, List.of("bob")).blocked()).contains("join the session");
        DecisionPanel alone = DecisionPanel.of(deep, List.of(), CAROL, List.of("carol"));
        assertThat(alone.decides()).isFalse();
        assertThat(alone.blocked()).contains("at least 2 participants").contains("the session has 1");
        DecisionPanel together = DecisionPanel.of(deep, List.of(), CAROL, List.of("bob", "carol"));
        assertThat(together.decides()).isTrue();
        assertThat(together.jointly()).isTrue();
        assertThat(DecisionPanel.of(deep, List.of(), VIEWER, List.of("bob", "carol")).decides()).isFalse();
    }

    @Test
    void deepCollaborationAndDecidedRequestsAreNotDecidedHere() {
        assertThat(DecisionPanel.of(review("CONTENT", Tier.DEEP_COLLABORATION, 1, null), List.of(), CAROL).blocked())
                .contains("decided jointly");
        ReviewFacts decided = new ReviewFacts(UUID.randomUUID(), ReviewState.APPROVED, "alice", "bob", "PRICE_CHANGE",
                Tier.REVIEW_AND_APPROVAL, 1, null);
        DecisionPanel p = DecisionPanel.of(decided, List.of("bob"), ROOT);
        assertThat(p.decides()).isFalse();
        assertThat(p.claim()).isFalse();
        assertThat(p.release()).isFalse();
    }

    @Test
    void claimAndReleaseFollowTheClaimRules() {
        assertThat(DecisionPanel.of(review("X", Tier.REVIEW_AND_APPROVAL, 1, null), List.of(), CAROL).claim()).isTrue();
        DecisionPanel held = DecisionPanel.of(review("X", Tier.REVIEW_AND_APPROVAL, 1, "carol"), List.of(), CAROL);
        assertThat(held.claim()).isFalse();
        assertThat(held.release()).isTrue();
        assertThat(DecisionPanel.of(review("X", Tier.REVIEW_AND_APPROVAL, 1, "carol"), List.of(), BOB).release()).isFalse();
        assertThat(DecisionPanel.of(review("X", Tier.REVIEW_AND_APPROVAL, 1, "carol"), List.of(), ROOT).release()).isTrue();
    }
}
