package io.refinery.metrics.domain;

/** The request is well-formed but refers to something that cannot be used, e.g. an unknown AI system (HTTP 422). */
public class UnprocessableProblem extends RuntimeException {

    private final String field;

    public UnprocessableProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
