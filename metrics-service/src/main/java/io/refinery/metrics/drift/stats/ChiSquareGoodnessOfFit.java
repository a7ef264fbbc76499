package io.refinery.metrics.drift.stats;

import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test of the current counts against the reference proportions.
 *
 * <p>Over the union of categories, with {@code C} the current total: expected {@code E_k = s_k C}, where {@code s_k}
 * is the reference share of category k; statistic {@code X2 = sum (O_k - E_k)^2 / E_k}; degrees of freedom
 * {@code categories - 1}; p-value {@code P(chi2_df > X2)}, the regularized upper incomplete gamma function
 * {@code Q(df / 2, X2 / 2)} (Hipparchus). This is scipy's {@code chisquare(cur_counts, f_exp=shares * C)}.
 *
 * <p>Categories the reference never saw would have {@code E_k = 0} and make the statistic infinite (scipy then
 * returns {@code inf} and p = 0, so Evidently calls any new category drift). Here such a category counts as seen
 * {@value #UNSEEN_CATEGORY_PSEUDO_COUNT} times in the reference, as if it were just below the reference's
 * resolution, and the shares are taken over the reference count plus these pseudo-counts. The statistic stays finite
 * (results must be representable in JSON) and the evidence grows with how often the new category occurs: with 1,000
 * values on each side, one stray value of a new category adds about 0.5 to the statistic (p = 0.78 with three
 * categories) while 30 of them (3 %) add about 1,740 (p = 0). The pseudo-count implies an expected count of
 * {@code 0.5 C / R}, so when the current sample is much larger than the reference ({@code C > 2 R}) a new category
 * rarer than that counts as under-represented rather than new; compare samples of similar sizes. Reference in scipy:
 * {@code f = np.where(ref == 0, 0.5, ref); chisquare(cur, f_exp=f / f.sum() * cur.sum())}. Without unseen
 * categories this is the plain test.
 *
 * <p>With a single category in the union there is nothing to compare (df = 0, scipy returns p = NaN): the statistic is
 * 0 and the p-value 1.
 */
final class ChiSquareGoodnessOfFit {

    /** How many times a category only the current sample has counts as seen in the reference. */
    static final double UNSEEN_CATEGORY_PSEUDO_COUNT = 0.5;

    private ChiSquareGoodnessOfFit() {
    }

    /** The statistic X2 of the current counts against the reference shares (pseudo-counts for unseen categories). */
    static double statistic(CategoryCounts counts) {
        long[] reference = counts.reference();
        long[] current = counts.current();
        double[] referenceCounts = new double[counts.size()];
        double referenceTotal = 0;
        for (int k = 0; k < referenceCounts.length; k++) {
            referenceCounts[k] = reference[k] == 0 ? UNSEEN_CATEGORY_PSEUDO_COUNT : reference[k];
            referenceTotal += referenceCounts[k];
        }
        double currentTotal = counts.currentTotal();
        double statistic = 0;
        for (int k = 0; k < referenceCounts.length; k++) {
            double expected = referenceCounts[k] / referenceTotal * currentTotal;
            double difference = current[k] - expected;
            statistic += difference * difference / expected;
        }
        return statistic;
    }

    /** The degrees of freedom: categories in the union minus 1. */
    static int degreesOfFreedom(CategoryCounts counts) {
        return counts.size() - 1;
    }

    /** {@code P(chi2_df > statistic)}; 1 when {@code df = 0}. */
    static double pValue(double statistic, int degreesOfFreedom) {
        if (degreesOfFreedom == 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, statistic / 2.0);
    }
}
