package io.refinery.feedback.domain;

/** One thing wrong with one field of an input item. */
public record FieldIssue(String field, String message) {
}
