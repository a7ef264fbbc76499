package io.refinery.oversight.domain;

/** A value that is well-formed JSON but not acceptable (HTTP 400 naming the field). */
public class InvalidFieldProblem extends RuntimeException {

    private final String field;

    public InvalidFieldProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
