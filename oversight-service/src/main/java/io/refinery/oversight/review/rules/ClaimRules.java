package io.refinery.oversight.review.rules;

import java.util.Optional;

/**
 * Who holds a pending request: anyone with a reviewing role may claim an unclaimed one (claiming one's own again is
 * harmless); only its holder or an admin gives it back.
 */
public final class ClaimRules {

    private ClaimRules() {
    }

    /** Why {@code actor} may not claim {@code review}, if they may not. */
    public static Optional<Refusal> claim(ReviewFacts review, String actor) {
        if (!review.pending()) {
            return Optional.of(notPending(review));
        }
        if (review.assignee() != null && !review.assignee().equals(actor)) {
            return Optional.of(Refusal.conflict("assignee", "already claimed by " + review.assignee()));
        }
        return Optional.empty();
    }

    /** Why {@code actor} may not release {@code review}, if they may not. */
    public static Optional<Refusal> release(ReviewFacts review, String actor, boolean admin) {
        if (!review.pending()) {
            return Optional.of(notPending(review));
        }
        if (review.assignee() == null) {
            return Optional.of(Refusal.conflict("assignee", "the request is not claimed"));
        }
        if (!review.assignee().equals(actor) && !admin) {
            return Optional.of(Refusal.conflict("assignee", "claimed by " + review.assignee()
                    + "; only they or an admin can release it"));
        }
        return Optional.empty();
    }

    private static Refusal notPending(ReviewFacts review) {
        return Refusal.conflict("state", "the request is " + review.state());
    }
}
