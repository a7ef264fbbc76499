package io.refinery.experiments.stats;

/**
 * The outcome of a sample ratio mismatch check.
 *
 * @param pValue the chi-square goodness-of-fit p-value; null when there are no units
 * @param mismatch whether pValue &lt; {@link SampleRatioMismatchCheck#THRESHOLD}: the split is broken and the
 *     experiment's results should not be trusted; null when there are no units
 * @param status OK, or {@link AnalysisStatus#NO_UNITS}
 * @param message {@code status.message()}; null when OK
 */
public record SrmResult(Double pValue, Boolean mismatch, AnalysisStatus status, String message) {
}
