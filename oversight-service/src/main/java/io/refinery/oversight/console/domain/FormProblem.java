package io.refinery.oversight.console.domain;

/** A console form's input that cannot be used as it is, naming the field; the page is shown again with the message. */
public class FormProblem extends RuntimeException {

    private final String field;

    public FormProblem(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
