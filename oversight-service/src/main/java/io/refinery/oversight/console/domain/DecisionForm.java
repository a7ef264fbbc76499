package io.refinery.oversight.console.domain;

/**
 * What the decision form shows: the text a person typed (kept when the post is refused, so nothing is lost) and,
 * after a refused post, why and at which field.
 */
public record DecisionForm(String rationale, String modifications, String error, String errorField) {

    public static final DecisionForm BLANK = new DecisionForm("", "", null, null);

    public DecisionForm withError(String field, String message) {
        return new DecisionForm(rationale, modifications, message, field);
    }
}
