package io.refinery.platform.problem;

/** The caller may not do this to this resource, e.g. decide a request they submitted (HTTP 403). */
public class RefusedProblem extends RuntimeException {

    private final String field;

    public RefusedProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
