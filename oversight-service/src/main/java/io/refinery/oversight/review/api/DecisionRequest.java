package io.refinery.oversight.review.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.refinery.oversight.review.domain.DecisionInput;
import io.refinery.oversight.review.rules.Decider;
import io.refinery.oversight.review.rules.Outcome;
import io.refinery.platform.api.Roles;
import io.refinery.platform.problem.InvalidFieldsProblem;

/** Body of {@code POST /api/v1/reviews/{id}/decision} and of a session's decision; the decider is the token's sub. */
public record DecisionRequest(@NotNull Outcome outcome, @NotBlank @Size(max = 4000) String rationale,
        JsonNode modifications) {

    /** The decision of {@code caller}, with their roles; 400 for a MODIFY without modifications. */
    DecisionInput input(JsonWebToken caller) {
        boolean noModifications = modifications == null || modifications.isNull();
        if (outcome == Outcome.MODIFY && noModifications) {
            throw new InvalidFieldsProblem("modifications", "is required when the outcome is MODIFY");
        }
        return new DecisionInput(outcome, rationale.strip(), noModifications ? null : modifications.toString(),
                new Decider(caller.getSubject(), caller.getGroups().contains(Roles.APPROVER),
                        caller.getGroups().contains(Roles.ADMIN)));
    }
}
