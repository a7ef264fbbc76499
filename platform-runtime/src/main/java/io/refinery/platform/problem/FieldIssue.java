package io.refinery.platform.problem;

/** One thing wrong with one field of an input: the field's path ({@code variants[1].weight}) and what is wrong. */
public record FieldIssue(String field, String message) {
}
