package io.refinery.metrics.drift.remediation;

/**
 * What to do about a drift, from the lightest to the heaviest change to the model (see {@link RemediationRule} for
 * when each is recommended).
 *
 * <ul>
 *   <li>{@link #ADJUST_PARAMETERS}: recalibrate or shift thresholds; the drift is minor and directional.</li>
 *   <li>{@link #RETRAIN}: fit the same model on recent data; the drift is broad, or nothing narrower applies.</li>
 *   <li>{@link #EXPAND_DATA_SOURCES}: give the model new inputs; the drift is where it has no signals.</li>
 *   <li>{@link #REVISE_ARCHITECTURE}: change the model itself; concept drift came back after a retrain.</li>
 * </ul>
 */
public enum RemediationAction {
    ADJUST_PARAMETERS,
    RETRAIN,
    EXPAND_DATA_SOURCES,
    REVISE_ARCHITECTURE
}
