package io.refinery.experiments.domain;

import java.util.List;

/** Fields of a request are malformed (HTTP 400 naming each). */
public class InvalidFieldsProblem extends RuntimeException {

    private final List<FieldIssue> issues;

    public InvalidFieldsProblem(List<FieldIssue> issues) {
        super(issues.size() + " fields are invalid");
        this.issues = List.copyOf(issues);
    }

    public InvalidFieldsProblem(String field, String message) {
        this(List.of(new FieldIssue(field, message)));
    }

    public List<FieldIssue> issues() {
        return issues;
    }
}
