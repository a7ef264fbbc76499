package io.refinery.metrics.drift.remediation;

/**
 * What drifted.
 *
 * <ul>
 *   <li>{@link #DATA}: the input distribution changed (features compared with a reference sample).</li>
 *   <li>{@link #CONCEPT}: the relation between inputs and outcomes changed (the prediction error rose).</li>
 * </ul>
 */
public enum DriftKind {
    DATA,
    CONCEPT
}
