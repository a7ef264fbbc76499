package io.refinery.experiments.stats;

/**
 * Whether an analysis could compute everything, and if not why. Degenerate data never throws; it yields a result
 * with one of these statuses and null in every field that cannot be computed.
 *
 * <ul>
 *   <li>{@link #OK}: every field that applies to the method is filled in.</li>
 *   <li>{@link #NO_UNITS}: an arm has no units; all statistics are null.</li>
 *   <li>{@link #NOT_ENOUGH_UNITS}: a continuous arm has a single unit, so no variance; all statistics are null.</li>
 *   <li>{@link #NO_CONVERSIONS}: a binomial metric with no conversion in any arm; all statistics are null.</li>
 *   <li>{@link #ZERO_VARIANCE}: the metric does not vary within any arm (e.g. every unit converted); all statistics
 *       are null.</li>
 *   <li>{@link #NO_DENOMINATOR}: a RATIO metric whose denominator sums to 0 in an arm, so that arm's ratio is
 *       undefined; all statistics are null.</li>
 *   <li>{@link #ZERO_CONTROL_MEAN}: the control mean is 0, so the relative lift and its interval are undefined and
 *       null; the other fields are filled in.</li>
 * </ul>
 */
public enum AnalysisStatus {
    OK(null),
    NO_UNITS("An arm has no units yet; there is nothing to compare."),
    NOT_ENOUGH_UNITS("Each arm needs at least 2 units to estimate a variance."),
    NO_CONVERSIONS("No arm has any conversion yet; there is nothing to compare."),
    ZERO_VARIANCE("The metric does not vary within any arm; a test needs some variance."),
    NO_DENOMINATOR("An arm's denominator sums to 0, so its ratio is undefined; there is nothing to compare yet."),
    ZERO_CONTROL_MEAN("The control mean is 0 (or too close to 0 to divide by), so the relative lift and its interval "
            + "are undefined.");

    private final String message;

    AnalysisStatus(String message) {
        this.message = message;
    }

    /** A sentence for people saying why fields are missing; null for {@link #OK}. */
    public String message() {
        return message;
    }
}
