package io.refinery.oversight.review.rules;

/** One field of a request and what is wrong with it, e.g. {@code systemKey}: {@code must be a lowercase slug ...}. */
public record FieldError(String field, String message) {
}
