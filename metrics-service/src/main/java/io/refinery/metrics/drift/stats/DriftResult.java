package io.refinery.metrics.drift.stats;

/**
 * The outcome of one comparison.
 *
 * @param method the method actually used, never {@link DriftMethod#AUTO}
 * @param statistic the method's statistic (see {@link DriftMethod}); finite and at least 0
 * @param pValue the p-value for KS and CHI_SQUARE, null for the methods without one
 * @param threshold the threshold applied: the one asked for, or the method's default
 * @param drifted whether the statistic or p-value passes the threshold (see {@link DriftMethod#drifted})
 * @param psiBand the {@link PsiBand} of the statistic for PSI, null for the other methods
 * @param pValueMethod how the p-value was computed: KS EXACT (lattice paths, up to 10,000 values per sample),
 *     ASYMPTOTIC (the finite-N distribution at N = round(mn/(m+n))) or LIMITING (Kolmogorov's law), as scipy's
 *     {@code ks_2samp} chooses; CHI_SQUARE ASYMPTOTIC (the chi-square distribution); null without a p-value
 */
public record DriftResult(
        DriftMethod method,
        double statistic,
        Double pValue,
        double threshold,
        boolean drifted,
        PsiBand psiBand,
        String pValueMethod) {

    public DriftResult {
        if (method == null || method == DriftMethod.AUTO) {
            throw new IllegalArgumentException("method must be a concrete method, was " + method);
        }
        if (method.usesPValue() != (pValue != null)) {
            throw new IllegalArgumentException("pValue must be present exactly for the methods with one, "
                    + method + " had " + pValue);
        }
        if ((method == DriftMethod.PSI) != (psiBand != null)) {
            throw new IllegalArgumentException("psiBand must be present exactly for PSI, " + method + " had "
                    + psiBand);
        }
    }
}
