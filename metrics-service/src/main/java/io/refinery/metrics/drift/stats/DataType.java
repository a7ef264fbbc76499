package io.refinery.metrics.drift.stats;

/**
 * What kind of values a feature holds.
 *
 * <ul>
 *   <li>{@link #NUMERICAL}: finite real numbers. Every method applies; the categorical ones treat each distinct value
 *       as a category.</li>
 *   <li>{@link #CATEGORICAL}: labels with no order. Only the categorical methods (and AUTO) apply.</li>
 * </ul>
 */
public enum DataType {
    NUMERICAL,
    CATEGORICAL
}
