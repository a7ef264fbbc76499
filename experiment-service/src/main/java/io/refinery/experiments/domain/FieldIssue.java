package io.refinery.experiments.domain;

/** One thing wrong with one field of an input. */
public record FieldIssue(String field, String message) {
}
