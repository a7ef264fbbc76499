package io.refinery.oversight.console.domain;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.refinery.oversight.review.domain.DecisionInput;
import io.refinery.oversight.review.rules.Decider;
import io.refinery.oversight.review.rules.Outcome;
import io.refinery.platform.api.Roles;

/**
 * The decision form as posted: the button pressed, the rationale and, for a modification, the changes as JSON. The
 * same limits as {@code POST /api/v1/reviews/{id}/decision}: a rationale of 1-4000 characters, modifications required
 * for MODIFY; the decider is the signed-in person, never a form field.
 */
public record DecisionCommand(String outcome, String rationale, String modifications) {

    static final int MAX_RATIONALE = 4000;
    static final int MAX_MODIFICATIONS = 20_000;

    /** The form as it should be shown again after a refusal. */
    public DecisionForm form() {
        return new DecisionForm(rationale == null ? "" : rationale, modifications == null ? "" : modifications, null, null);
    }

    /** The decision input for {@code user}; a {@link FormProblem} naming the field when the form is not usable. */
    DecisionInput input(ConsoleUser user, ObjectMapper mapper) {
        Outcome o = parsedOutcome();
        if (rationale == null || rationale.isBlank()) {
            throw new FormProblem("rationale", "Give a rationale: say why, so the decision can be audited and learned from.");
        }
        if (rationale.strip().length() > MAX_RATIONALE) {
            throw new FormProblem("rationale", "The rationale is longer than " + MAX_RATIONALE + " characters.");
        }
        String changes = null;
        if (o == Outcome.MODIFY) {
            if (modifications == null || modifications.isBlank()) {
                throw new FormProblem("modifications", "Modify needs the modifications: the changed fields as JSON, "
                        + "for example {\"price\": 42.5}.");
            }
            changes = json(modifications, mapper);
        }
        return new DecisionInput(o, rationale.strip(), changes,
                new Decider(user.name(), user.roles().contains(Roles.APPROVER), user.isAdmin()));
    }

    private Outcome parsedOutcome() {
        try {
            return Outcome.valueOf(outcome == null ? "" : outcome.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FormProblem("outcome", "Choose approve, reject or modify.");
        }
    }

    private static String json(String text, ObjectMapper mapper) {
        if (text.length() > MAX_MODIFICATIONS) {
            throw new FormProblem("modifications", "The modifications are longer than " + MAX_MODIFICATIONS + " characters.");
        }
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isNull() || node.isMissingNode()) {
                throw new FormProblem("modifications", "The modifications are empty; give the changed fields as JSON.");
            }
            return node.toString();
        } catch (FormProblem e) {
            throw e;
        } catch (Exception e) {
            throw new FormProblem("modifications", "The modifications are not valid JSON; give the changed fields as JSON, "
                    + "for example {\"price\": 42.5}.");
        }
    }
}
