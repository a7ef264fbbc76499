package io.refinery.experiments.analysis.results;

import java.util.Map;

import io.refinery.experiments.stats.QuantileStatistic;

/**
 * The stored sufficient statistics of one variant: its exposed units, the CUPED covariate's sums over them, and per
 * metric the sums of the units' summed values (units without an outcome count with 0).
 *
 * @param variant variant key
 * @param units exposed units n
 * @param covariateUnits units that came with a pre-period covariate
 * @param covariateSum Σx
 * @param covariateSumOfSquares Σx²
 * @param metrics per metric name
 * @param ratioProducts per RATIO metric, keyed {@link #ratioKey}: Σ N·D over the exposed units
 * @param quantiles per QUANTILE metric, keyed {@link #quantileKey}: the quantile of the exposed units' values
 */
public record VariantData(String variant, long units, long covariateUnits, double covariateSum,
        double covariateSumOfSquares, Map<String, MetricSums> metrics, Map<String, Double> ratioProducts,
        Map<String, QuantileStatistic> quantiles) {

    public VariantData {
        metrics = Map.copyOf(metrics);
        ratioProducts = Map.copyOf(ratioProducts);
        quantiles = Map.copyOf(quantiles);
    }

    public VariantData(String variant, long units, long covariateUnits, double covariateSum,
            double covariateSumOfSquares, Map<String, MetricSums> metrics) {
        this(variant, units, covariateUnits, covariateSum, covariateSumOfSquares, metrics, Map.of(), Map.of());
    }

    public static VariantData empty(String variant) {
        return new VariantData(variant, 0, 0, 0, 0, Map.of(), Map.of(), Map.of());
    }

    /** The key of a quantile metric in {@link #quantiles}, e.g. {@code latency@0.9}. */
    public static String quantileKey(String metric, double quantile) {
        return metric + "@" + quantile;
    }

    /** The q-quantile statistic of a metric; one of no units when none was computed. */
    public QuantileStatistic quantile(String metric, double quantile) {
        QuantileStatistic q = quantiles.get(quantileKey(metric, quantile));
        return q != null ? q : new QuantileStatistic(0, quantile, 0, Double.NaN, Double.NaN);
    }

    /** The key of a ratio's Σ N·D in {@link #ratioProducts} (metric names cannot contain '/'). */
    public static String ratioKey(String numerator, String denominator) {
        return numerator + "/" + denominator;
    }

    public MetricSums metric(String name) {
        return metrics.getOrDefault(name, MetricSums.EMPTY);
    }

    /** Σ N·D of a ratio metric; 0 when no unit has both. */
    public double ratioProducts(String numerator, String denominator) {
        return ratioProducts.getOrDefault(ratioKey(numerator, denominator), 0.0);
    }

    /**
     * Sums of one metric over a variant's exposed units.
     *
     * @param sum Σy
     * @param sumOfSquares Σy²
     * @param sumOfProducts Σxy with the covariate (0 for units without one)
     * @param conversions units whose summed value is above 0
     */
    public record MetricSums(double sum, double sumOfSquares, double sumOfProducts, long conversions) {
        public static final MetricSums EMPTY = new MetricSums(0, 0, 0, 0);
    }
}
