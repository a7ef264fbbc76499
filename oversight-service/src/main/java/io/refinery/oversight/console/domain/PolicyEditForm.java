package io.refinery.oversight.console.domain;

/**
 * The policy edit form: the policy as JSON text (the typed text is kept when a preview or save is refused), the
 * version it is based on (0: no policy yet), and after a refusal why, at which field and on which line.
 */
public record PolicyEditForm(String text, int baseVersion, String error, String errorField) {

    public PolicyEditForm withError(String field, String message) {
        return new PolicyEditForm(text, baseVersion, message, field);
    }
}
