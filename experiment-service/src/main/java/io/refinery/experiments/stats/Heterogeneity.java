package io.refinery.experiments.stats;

import java.util.List;

import org.hipparchus.special.Gamma;

/**
 * Cochran's Q test of whether several independent estimates of one effect (a treatment's effect in each segment)
 * differ more than their standard errors allow (Cochran 1954; Higgins and Thompson 2002 for I²):
 * <pre>
 *     w_k = 1 / v_k,   d̄ = Σ w_k d_k / Σ w_k,   Q = Σ w_k (d_k − d̄)²
 *     p = P(χ²_{K−1} ≥ Q),   I² = max(0, (Q − (K − 1)) / Q)
 * </pre>
 * The same Q, p and I² as statsmodels' {@code combine_effects(effects, variances)} and its
 * {@code test_homogeneity()}. A small p says "it works differently in some segments" is a finding rather than noise.
 */
public final class Heterogeneity {

    private Heterogeneity() {
    }

    /**
     * @param q Cochran's Q
     * @param degreesOfFreedom K − 1
     * @param pValue P(χ² ≥ Q); null with fewer than two estimates
     * @param iSquared the share of the spread beyond chance, in [0, 1]; null with fewer than two estimates
     * @param pooledEffect d̄, the fixed-effect (inverse-variance) average
     */
    public record Result(double q, int degreesOfFreedom, Double pValue, Double iSquared, Double pooledEffect) {
    }

    /** {@code effects[k]} with variance {@code variances[k]} (each positive and finite). */
    public static Result test(List<Double> effects, List<Double> variances) {
        if (effects.size() != variances.size()) {
            throw new InvalidStatisticsInputException("variances", "must have one variance per effect");
        }
        int k = effects.size();
        double weights = 0;
        double weighted = 0;
        for (int i = 0; i < k; i++) {
            Inputs.requireFinite(effects.get(i), "effects[" + i + "]");
            double v = variances.get(i);
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new InvalidStatisticsInputException("variances[" + i + "]", "must be positive and finite");
            }
            weights += 1 / v;
            weighted += effects.get(i) / v;
        }
        if (k < 2) {
            return new Result(0, 0, null, null, k == 1 ? effects.get(0) : null);
        }
        double pooled = weighted / weights;
        double q = 0;
        for (int i = 0; i < k; i++) {
            double deviation = effects.get(i) - pooled;
            q += deviation * deviation / variances.get(i);
        }
        int df = k - 1;
        double p = Gamma.regularizedGammaQ(df / 2.0, q / 2);
        double iSquared = q == 0 ? 0 : Math.max(0, (q - df) / q);
        return new Result(q, df, p, iSquared, pooled);
    }
}
