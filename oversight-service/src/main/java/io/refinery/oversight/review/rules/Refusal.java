package io.refinery.oversight.review.rules;

/** Why a rule says no, naming the field at fault; {@code kind} says how the refusal reaches the caller. */
public record Refusal(Kind kind, String field, String message) {

    /** How bad the asking was. */
    public enum Kind {
        /** The request's state does not allow it now (HTTP 409). */
        CONFLICT,
        /** This person may not do it (HTTP 403). */
        FORBIDDEN,
        /** The asking itself is malformed (HTTP 400). */
        INVALID
    }

    static Refusal conflict(String field, String message) {
        return new Refusal(Kind.CONFLICT, field, message);
    }

    static Refusal forbidden(String field, String message) {
        return new Refusal(Kind.FORBIDDEN, field, message);
    }

    static Refusal invalid(String field, String message) {
        return new Refusal(Kind.INVALID, field, message);
    }
}
