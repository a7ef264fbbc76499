package io.refinery.experiments.stats;

/**
 * An input to the statistics engine is invalid: negative units, conversions above units, alpha outside (0, 1), a
 * weight that is not positive, and so on. {@link #field()} names the offending input as a JSON-style path, e.g.
 * {@code control.conversions} or {@code expectedWeights[2]}, so the API layer can answer 400 with a problem that
 * points at it.
 *
 * <p>Valid but degenerate data (no units, zero variance, no conversions at all) never throws: the analysis returns
 * a result whose status says why its statistics are null.
 */
public class InvalidStatisticsInputException extends IllegalArgumentException {

    private final String field;

    public InvalidStatisticsInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The path of the offending input, e.g. {@code treatment.units}. */
    public String field() {
        return field;
    }
}
