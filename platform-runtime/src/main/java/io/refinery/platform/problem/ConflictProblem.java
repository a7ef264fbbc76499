package io.refinery.platform.problem;

/** The request clashes with the current state, e.g. a key that is taken (HTTP 409). */
public class ConflictProblem extends RuntimeException {

    private final String field;

    public ConflictProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
