package io.refinery.oversight.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.refinery.oversight.policy.tiers.Tier;

class DecisionRulesTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000042");
    private static final Decider ALICE = new Decider("alice", false, false);
    private static final Decider BOB = new Decider("bob", true, false);
    private static final Decider ROOT = new Decider("root", false, true);
    private static final Decider BOT = new Decider("pricing-bot", true, true);

    private static ReviewFacts pending(Tier tier, int requiredApprovals) {
        return new ReviewFacts(ID, ReviewState.PENDING, "pricing-bot", null, "PRICE_CHANGE", tier, requiredApprovals, null);
    }

    private static ReviewFacts relaxation() {
        return new ReviewFacts(ID, ReviewState.PENDING, "oversight-service", null, ActionTypes.RELAXATION,
                Tier.REVIEW_AND_APPROVAL, 1, null);
    }

    private static DecisionStep decide(ReviewFacts review, List<Approval> approvals, Outcome outcome, Decider decider) {
        return DecisionRules.decide(review, approvals, outcome, outcome == Outcome.MODIFY ? "{\"magnitude\":0.1}" : null,
                decider);
    }

    private static Refusal refusal(DecisionStep step) {
        assertThat(step).isInstanceOf(DecisionStep.Refused.class);
        return ((DecisionStep.Refused) step).refusal();
    }

    @Test
    void aSingleApprovalDecidesARequestNeedingOne() {
        DecisionStep step = decide(pending(Tier.REVIEW_AND_APPROVAL, 1), List.of(), Outcome.APPROVE, ALICE);
        assertThat(step).isEqualTo(new DecisionStep.Decided(Outcome.APPROVE, null, List.of("alice"), true));
    }

    @Test
    void aDecidedRequestStaysDecided() {
        ReviewFacts decided = new ReviewFacts(ID, ReviewState.APPROVED, "pricing-bot", "bob", "PRICE_CHANGE",
                Tier.REVIEW_AND_APPROVAL, 1, null);
        assertThat(refusal(decide(decided, List.of(), Outcome.REJECT, ALICE))).isEqualTo(new Refusal(
                Refusal.Kind.CONFLICT, "state", "the request was already decided (APPROVED by bob)"));
        ReviewFacts auto = new ReviewFacts(ID, ReviewState.AUTO_APPROVED, "pricing-bot", "oversight-service",
                "PRICE_CHANGE", Tier.EXCEPTION_HANDLING, 1, null);
        assertThat(refusal(decide(auto, List.of(), Outcome.APPROVE, ROOT)).field()).isEqualTo("state");
    }

    @Test
    void nobodyDecidesWhatTheySubmittedWhateverTheirRoles() {
        Refusal refusal = refusal(decide(pending(Tier.REVIEW_AND_APPROVAL, 1), List.of(), Outcome.REJECT, BOT));
        assertThat(refusal).isEqualTo(new Refusal(Refusal.Kind.FORBIDDEN, "decidedBy",
                "nobody decides a request they submitted (pricing-bot)"));
    }

    @Test
    void aFirstApprovalOfAFourEyesRequestIsRecordedAndWaits() {
        DecisionStep step = decide(pending(Tier.REVIEW_AND_APPROVAL, 2), List.of(), Outcome.APPROVE, ALICE);
        assertThat(step).isEqualTo(new DecisionStep.ApprovalRecorded(1, 2));
    }

    @Test
    void theSecondApprovalMustComeFromSomeoneElse() {
        List<Approval> first = List.of(new Approval("bob", Outcome.APPROVE, null));
        Refusal refusal = refusal(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.APPROVE, BOB));
        assertThat(refusal).isEqualTo(new Refusal(Refusal.Kind.CONFLICT, "decidedBy",
                "bob already approved this request; the second approval must come from someone else"));
    }

    @Test
    void theSecondApprovalNeedsTheApproverRoleOrAdmin() {
        List<Approval> first = List.of(new Approval("carol", Outcome.APPROVE, null));
        Refusal refusal = refusal(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.APPROVE, ALICE));
        assertThat(refusal).isEqualTo(new Refusal(Refusal.Kind.FORBIDDEN, "decidedBy",
                "the second approval of a four-eyes request needs the approver role"));
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.APPROVE, BOB))
                .isEqualTo(new DecisionStep.Decided(Outcome.APPROVE, null, List.of("carol", "bob"), true));
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.APPROVE, ROOT))
                .isEqualTo(new DecisionStep.Decided(Outcome.APPROVE, null, List.of("carol", "root"), true));
    }

    @Test
    void aRejectionDecidesAtOnceWithTheApproversSoFarAndRecordsNoApproval() {
        List<Approval> first = List.of(new Approval("carol", Outcome.APPROVE, null));
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.REJECT, ALICE))
                .isEqualTo(new DecisionStep.Decided(Outcome.REJECT, null, List.of("carol"), false));
        // rejecting after one's own approval is allowed: a rejection is not a second approval
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), first, Outcome.REJECT, new Decider("carol", false, false)))
                .isEqualTo(new DecisionStep.Decided(Outcome.REJECT, null, List.of("carol"), false));
    }

    @Test
    void aModificationOnTheWayMakesTheFinalOutcomeModifyWithTheLatestModifications() {
        List<Approval> earlier = List.of(new Approval("carol", Outcome.MODIFY, "{\"magnitude\":0.05}"));
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), earlier, Outcome.APPROVE, BOB))
                .isEqualTo(new DecisionStep.Decided(Outcome.MODIFY, "{\"magnitude\":0.05}", List.of("carol", "bob"), true));
        assertThat(decide(pending(Tier.REVIEW_AND_APPROVAL, 2), earlier, Outcome.MODIFY, BOB))
                .isEqualTo(new DecisionStep.Decided(Outcome.MODIFY, "{\"magnitude\":0.1}", List.of("carol", "bob"), true));
    }

    @Test
    void theLatestModificationsWin() {
        assertThat(DecisionRules.latestModifications(List.of(new Approval("a", Outcome.MODIFY, "{\"x\":1}"),
                new Approval("b", Outcome.APPROVE, null), new Approval("c", Outcome.MODIFY, "{\"x\":3}"))))
                .isEqualTo("{\"x\":3}");
        assertThat(DecisionRules.latestModifications(List.of(new Approval("a", Outcome.APPROVE, null)))).isNull();
    }

    @Test
    void aRelaxationIsDecidedByAnApproverAndNeverModified() {
        assertThat(refusal(decide(relaxation(), List.of(), Outcome.APPROVE, ALICE))).isEqualTo(new Refusal(
                Refusal.Kind.FORBIDDEN, "decidedBy", "a relaxation of oversight is decided by someone with the approver role"));
        assertThat(refusal(decide(relaxation(), List.of(), Outcome.MODIFY, BOB)).kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refusal(decide(relaxation(), List.of(), Outcome.MODIFY, BOB)).field()).isEqualTo("outcome");
        assertThat(decide(relaxation(), List.of(), Outcome.REJECT, ROOT))
                .isEqualTo(new DecisionStep.Decided(Outcome.REJECT, null, List.of(), false));
        assertThat(decide(relaxation(), List.of(), Outcome.APPROVE, BOB))
                .isEqualTo(new DecisionStep.Decided(Outcome.APPROVE, null, List.of("bob"), true));
    }

    @Test
    void deepCollaborationIsDecidedInItsSessionNotHere() {
        Refusal refusal = refusal(decide(pending(Tier.DEEP_COLLABORATION, 1), List.of(), Outcome.APPROVE, BOB));
        assertThat(refusal).isEqualTo(new Refusal(Refusal.Kind.CONFLICT, "tier", "a DEEP_COLLABORATION request is "
                + "decided jointly in its session: POST /api/v1/reviews/" + ID + "/session/decision"));
    }

    @Test
    void eachOutcomeLeavesItsState() {
        assertThat(ReviewState.decidedAs(Outcome.APPROVE)).isEqualTo(ReviewState.APPROVED);
        assertThat(ReviewState.decidedAs(Outcome.REJECT)).isEqualTo(ReviewState.REJECTED);
        assertThat(ReviewState.decidedAs(Outcome.MODIFY)).isEqualTo(ReviewState.MODIFIED);
    }
}
