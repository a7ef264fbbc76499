package io.refinery.experiments.analysis.results;

import java.util.Map;

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
 */
public record VariantData(String variant, long units, long covariateUnits, double covariateSum,
        double covariateSumOfSquares, Map<String, MetricSums> metrics) {

    public VariantData {
        metrics = Map.copyOf(metrics);
    }

    public static VariantData empty(String variant) {
        return new VariantData(variant, 0, 0, 0, 0, Map.of());
    }

    public MetricSums metric(String name) {
        return metrics.getOrDefault(name, MetricSums.EMPTY);
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
