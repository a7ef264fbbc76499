package io.refinery.metrics.drift.stats;

/**
 * A drift comparison was asked with input it cannot accept. {@link #field()} names the offending input field
 * ({@code method}, {@code reference}, {@code current} or {@code threshold}) so that a caller can report it, e.g. as a
 * problem+json 400; the message says what is wrong and starts with the field name.
 */
public class DriftInputException extends IllegalArgumentException {

    public static final String METHOD = "method";
    public static final String REFERENCE = "reference";
    public static final String CURRENT = "current";
    public static final String THRESHOLD = "threshold";

    private final String field;

    public DriftInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field the problem is in. */
    public String field() {
        return field;
    }
}
