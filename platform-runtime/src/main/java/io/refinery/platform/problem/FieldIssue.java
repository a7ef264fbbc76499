package io.refinery.platform.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One thing wrong with one field of an input: the field's path ({@code variants[1].weight}) and what is wrong. */
@RegisterForReflection
public record FieldIssue(String field, String message) {
}
