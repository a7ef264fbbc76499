package io.refinery.metrics.api;

/** A query or path parameter is invalid; becomes a 400 problem naming it. */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
