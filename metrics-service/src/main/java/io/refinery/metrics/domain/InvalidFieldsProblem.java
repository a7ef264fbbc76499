package io.refinery.metrics.domain;

import java.util.List;

/** Several fields of a request are invalid together (HTTP 400 naming each). */
public class InvalidFieldsProblem extends RuntimeException {

    private final List<FieldIssue> issues;

    public InvalidFieldsProblem(List<FieldIssue> issues) {
        super(issues.size() + " fields are invalid");
        this.issues = List.copyOf(issues);
    }

    public List<FieldIssue> issues() {
        return issues;
    }
}
