package io.refinery.metrics.domain;

/** One thing wrong with one field of an input item. */
public record FieldIssue(String field, String message) {
}
