package io.refinery.metrics.drift.stats;

/**
 * How a current sample is compared with a reference sample. Each concrete method has a default threshold and a rule
 * that turns its result into "drifted":
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>method</th><th>data</th><th>statistic</th><th>p-value</th><th>drifted when</th><th>default</th></tr>
 *   <tr><td>{@link #KS}</td><td>numerical</td><td>two-sample Kolmogorov–Smirnov D</td><td>yes</td>
 *       <td>p &lt; threshold</td><td>0.05</td></tr>
 *   <tr><td>{@link #PSI}</td><td>numerical</td><td>population stability index over reference deciles</td>
 *       <td>no</td><td>statistic &ge; threshold</td><td>0.1</td></tr>
 *   <tr><td>{@link #WASSERSTEIN}</td><td>numerical</td><td>1-Wasserstein distance / reference std</td><td>no</td>
 *       <td>statistic &ge; threshold</td><td>0.1</td></tr>
 *   <tr><td>{@link #JENSEN_SHANNON}</td><td>categorical or numerical</td><td>Jensen–Shannon distance (natural
 *       log)</td><td>no</td><td>statistic &ge; threshold</td><td>0.1</td></tr>
 *   <tr><td>{@link #CHI_SQUARE}</td><td>categorical or numerical</td><td>Pearson goodness-of-fit chi-square</td>
 *       <td>yes</td><td>p &lt; threshold</td><td>0.05</td></tr>
 * </table>
 *
 * {@link #AUTO} is not a method of its own: {@link DriftComparator} replaces it by one of the others (see
 * {@link AutoMethod}), and results always name the method actually used.
 */
public enum DriftMethod {
    AUTO(Double.NaN, false, false),
    KS(0.05, true, true),
    PSI(0.1, true, false),
    WASSERSTEIN(0.1, true, false),
    JENSEN_SHANNON(0.1, false, false),
    CHI_SQUARE(0.05, false, true);

    private final double defaultThreshold;
    private final boolean numericalOnly;
    private final boolean usesPValue;

    DriftMethod(double defaultThreshold, boolean numericalOnly, boolean usesPValue) {
        this.defaultThreshold = defaultThreshold;
        this.numericalOnly = numericalOnly;
        this.usesPValue = usesPValue;
    }

    /** The threshold applied when the input gives none. */
    public double defaultThreshold() {
        requireConcrete();
        return defaultThreshold;
    }

    /** Whether the method needs ordered values, so that it refuses {@link DataType#CATEGORICAL} data. */
    public boolean numericalOnly() {
        return numericalOnly;
    }

    /** Whether the method has a p-value, compared with the threshold ({@code p < threshold} is drift). */
    public boolean usesPValue() {
        return usesPValue;
    }

    /**
     * Whether a result means drift: {@code pValue < threshold} for the methods with a p-value, {@code statistic >=
     * threshold} for the others.
     */
    public boolean drifted(double statistic, Double pValue, double threshold) {
        requireConcrete();
        if (usesPValue) {
            return pValue < threshold;
        }
        return statistic >= threshold;
    }

    private void requireConcrete() {
        if (this == AUTO) {
            throw new IllegalStateException("AUTO must be resolved to a concrete method first");
        }
    }
}
