package io.refinery.oversight.review.rules;

import java.util.List;
import java.util.Optional;

import io.refinery.oversight.policy.tiers.Tier;

/**
 * Who works a DEEP_COLLABORATION request in its session: only such a request, only while it is pending, never its
 * submitter; the joint decision is made by a participant once at least {@link #MIN_PARTICIPANTS} have joined.
 */
public final class SessionRules {

    public static final int MIN_PARTICIPANTS = 2;

    private SessionRules() {
    }

    /** Why {@code review} has no open session, if it has none. */
    public static Optional<Refusal> open(ReviewFacts review) {
        if (review.tier() != Tier.DEEP_COLLABORATION) {
            return Optional.of(Refusal.conflict("tier", "only DEEP_COLLABORATION requests have a session"));
        }
        if (!review.pending()) {
            return Optional.of(Refusal.conflict("state", "the request was already decided (" + review.state() + ")"));
        }
        return Optional.empty();
    }

    /** Why {@code person} may not join the session of {@code review}, if they may not. */
    public static Optional<Refusal> join(ReviewFacts review, String person) {
        if (person.equals(review.submittedBy())) {
            return Optional.of(Refusal.forbidden("participant", "the submitter cannot join the session"));
        }
        return Optional.empty();
    }

    /** Why a participant has no say: {@code person} is not among {@code participants}. */
    public static Optional<Refusal> participant(List<String> participants, String person) {
        if (!participants.contains(person)) {
            return Optional.of(Refusal.conflict("participant", person + " has not joined this session"));
        }
        return Optional.empty();
    }

    /** Why the session cannot decide yet, if it cannot. */
    public static Optional<Refusal> jointDecision(List<String> participants) {
        if (participants.size() < MIN_PARTICIPANTS) {
            return Optional.of(Refusal.conflict("participants", "a joint decision needs at least " + MIN_PARTICIPANTS
                    + " participants; the session has " + participants.size()));
        }
        return Optional.empty();
    }
}
