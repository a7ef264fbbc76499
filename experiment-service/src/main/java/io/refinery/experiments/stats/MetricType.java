package io.refinery.experiments.stats;

/**
 * The kind of metric being compared.
 *
 * <ul>
 *   <li>{@link #BINOMIAL}: did the unit convert or not; arms are {@link ProportionStatistic}s.</li>
 *   <li>{@link #CONTINUOUS}: a number per unit (revenue, time on page); arms are {@link SampleMeanStatistic}s or
 *       {@link SummaryStatistic}s.</li>
 * </ul>
 */
public enum MetricType {
    BINOMIAL,
    CONTINUOUS
}
