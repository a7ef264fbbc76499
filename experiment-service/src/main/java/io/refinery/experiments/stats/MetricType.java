package io.refinery.experiments.stats;

/**
 * The kind of metric being compared.
 *
 * <ul>
 *   <li>{@link #BINOMIAL}: did the unit convert or not; arms are {@link ProportionStatistic}s.</li>
 *   <li>{@link #CONTINUOUS}: a number per unit (revenue, time on page); arms are {@link SampleMeanStatistic}s or
 *       {@link SummaryStatistic}s.</li>
 *   <li>{@link #RATIO}: a ratio of two per-unit sums where the unit of analysis differs from the unit of
 *       randomisation (revenue per session, items per order); arms are {@link RatioStatistic}s, compared like means
 *       with the delta method's variance.</li>
 *   <li>{@link #QUANTILE}: a quantile of the units' values (p50 order value, p95 latency); arms are
 *       {@link QuantileStatistic}s, compared by a z-test on the order-statistic standard errors.</li>
 * </ul>
 */
public enum MetricType {
    BINOMIAL,
    CONTINUOUS,
    RATIO,
    QUANTILE
}
