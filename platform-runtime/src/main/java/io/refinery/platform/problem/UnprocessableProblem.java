package io.refinery.platform.problem;

import java.util.List;

/**
 * The request was read but cannot be accepted: it names an unknown AI system, weights that do not sum to 1, ...
 * (HTTP 422 naming each field).
 */
public class UnprocessableProblem extends RuntimeException {

    private final transient List<FieldIssue> issues;

    public UnprocessableProblem(List<FieldIssue> issues) {
        super(issues.size() == 1 ? issues.get(0).field() + ": " + issues.get(0).message()
                : issues.size() + " fields cannot be accepted");
        this.issues = List.copyOf(issues);
    }

    public UnprocessableProblem(String field, String message) {
        this(List.of(new FieldIssue(field, message)));
    }

    public List<FieldIssue> issues() {
        return issues;
    }
}
