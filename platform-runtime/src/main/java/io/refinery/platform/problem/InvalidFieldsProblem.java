package io.refinery.platform.problem;

import java.util.List;

/**
 * Input that is malformed: fields of a body, or a query or path parameter (HTTP 400 naming each field at fault).
 */
public class InvalidFieldsProblem extends RuntimeException {

    private final transient List<FieldIssue> issues;

    public InvalidFieldsProblem(List<FieldIssue> issues) {
        super(issues.size() == 1 ? issues.get(0).field() + ": " + issues.get(0).message()
                : issues.size() + " fields are invalid");
        this.issues = List.copyOf(issues);
    }

    public InvalidFieldsProblem(String field, String message) {
        this(List.of(new FieldIssue(field, message)));
    }

    public List<FieldIssue> issues() {
        return issues;
    }
}
