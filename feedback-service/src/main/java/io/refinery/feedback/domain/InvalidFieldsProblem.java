package io.refinery.feedback.domain;

import java.util.List;

/** Input that names fields at fault (HTTP 400 with errors). */
public class InvalidFieldsProblem extends RuntimeException {

    private final transient List<FieldIssue> issues;

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
