package io.refinery.experiments.domain;

import java.util.List;

/**
 * The request was read but cannot be accepted: an experiment without a primary metric, weights that do not sum
 * to 1, an unknown AI system, ... (HTTP 422 naming each field).
 */
public class UnprocessableProblem extends RuntimeException {

    private final List<FieldIssue> issues;

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
