package io.refinery.platform.problem;

/** The thing a request names does not exist (HTTP 404). */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String message) {
        super(message);
    }
}
