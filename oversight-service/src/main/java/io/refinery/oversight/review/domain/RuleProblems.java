package io.refinery.oversight.review.domain;

import java.util.Optional;

import io.refinery.oversight.review.rules.Refusal;
import io.refinery.platform.problem.ConflictProblem;
import io.refinery.platform.problem.InvalidFieldsProblem;
import io.refinery.platform.problem.RefusedProblem;
import io.smallrye.mutiny.Uni;

/** A rule's refusal as the problem the caller gets: 409, 403 or 400, naming the field. */
final class RuleProblems {

    private RuleProblems() {
    }

    static RuntimeException of(Refusal refusal) {
        return switch (refusal.kind()) {
            case CONFLICT -> new ConflictProblem(refusal.field(), refusal.message());
            case FORBIDDEN -> new RefusedProblem(refusal.field(), refusal.message());
            case INVALID -> new InvalidFieldsProblem(refusal.field(), refusal.message());
        };
    }

    /** A failure with the refusal's problem when there is one, else an item to go on with. */
    static Uni<Void> refuseIf(Optional<Refusal> refusal) {
        return refusal.isPresent() ? Uni.createFrom().failure(of(refusal.get())) : Uni.createFrom().voidItem();
    }
}
